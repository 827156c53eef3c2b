"""The vocabulary of a focus group: plain Python, no Textual and no SQLite."""
