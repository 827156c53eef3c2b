"""What marks an SQLite file as a focusgroup session, and which schema it holds.

Kept apart from `schema.py` (the migrations, which need sqlite-utils) so opening an up-to-date
file imports nothing but sqlite3.
"""

from __future__ import annotations

APPLICATION_ID = 0x46475250  # "FGRP", in PRAGMA application_id
SCHEMA_VERSION = 8
"""The number of migrations in `schema.py` (a test holds them equal), in PRAGMA user_version."""

TABLES = (
    "sessions",
    "participants",
    "categories",
    "cards",
    "competencies",
    "notes",
    "commitments",
    "events",
    "sends",
    "takeaways",
    "card_links",
    "projections",
    "programs",
    "referrals",
    "openings",
)
"""The tables an up-to-date session file holds (a test holds them equal to the migrations')."""
