"""After the meeting: the summary (PDF, Markdown, JSON, CSV), job profiles, the follow-up loop.

Entry points: `exporter.export_session`, `exporter.export_profiles`,
`followup.updated_profile`, `markdown.short_summary` / `short_summary_html`.
Exports read a session and never write one (a new session from a profile is `from_profile`).
No Textual here; reportlab is imported only when a PDF is written.
"""
