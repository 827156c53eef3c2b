"""After the meeting: the summary (PDF, Markdown, JSON, CSV), job profiles, the follow-up loop.

Entry points: `exporter.export_session`, `exporter.export_profiles`,
`followup.start_from_profile`, `markdown.short_summary` / `short_summary_html`.
No Textual here; reportlab is imported only when a PDF is written.
"""
