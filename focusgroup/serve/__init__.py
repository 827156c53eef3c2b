"""The note-taker's browser seat: `focusgroup serve` puts the app behind a secret join link.

Importing this package imports neither Textual nor aiohttp; `server` does, lazily, when used.
"""
