"""focusgroup: run live employer focus groups for career-pathway work."""

__version__ = "0.1.0"
