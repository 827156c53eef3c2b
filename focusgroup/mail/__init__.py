"""E-mailing the meeting summary to participants: settings, messages, sending, outbox.

No Textual here: the CLI command and the app's e-mail screen both drive these modules.
"""
