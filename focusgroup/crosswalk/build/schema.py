"""The index file's tables, created in one script before the build fills them."""

from __future__ import annotations

# Profile tables are clustered on (occupation, position) WITHOUT ROWID: a profile reads one
# contiguous range, and no separate index is needed. Repeated strings (element names,
# technology examples) live once in lookup tables. Together this halves the file.
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE occupation (
    id INTEGER PRIMARY KEY, onet_code TEXT NOT NULL UNIQUE, soc_code TEXT NOT NULL,
    title TEXT NOT NULL, description TEXT NOT NULL, job_zone INTEGER, employment INTEGER
);
CREATE TABLE job_zone (
    zone INTEGER PRIMARY KEY, name TEXT, education TEXT, experience TEXT
);
CREATE TABLE title (id INTEGER PRIMARY KEY, occ INTEGER NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL);
-- Contentless: search re-derives tokens from title.text, so they are not stored twice.
-- The tokens are already normalised; unicode61 only splits them on spaces.
CREATE VIRTUAL TABLE title_fts USING fts5(tokens, content='', tokenize='unicode61');
CREATE TABLE vocab (token TEXT PRIMARY KEY, df INTEGER NOT NULL, idf REAL NOT NULL)
    WITHOUT ROWID;
CREATE TABLE task (
    occ INTEGER, position INTEGER, function TEXT NOT NULL, task TEXT NOT NULL,
    PRIMARY KEY (occ, position)
) WITHOUT ROWID;
CREATE TABLE element (id INTEGER PRIMARY KEY, domain TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE rating (
    occ INTEGER, element INTEGER, rank INTEGER, importance REAL NOT NULL, level REAL,
    PRIMARY KEY (occ, element)
) WITHOUT ROWID;
CREATE TABLE tech (id INTEGER PRIMARY KEY, example TEXT NOT NULL, category TEXT NOT NULL);
CREATE TABLE technology (
    occ INTEGER, position INTEGER, tech INTEGER NOT NULL, hot INTEGER NOT NULL,
    in_demand INTEGER NOT NULL, PRIMARY KEY (occ, position)
) WITHOUT ROWID;
CREATE TABLE education_category (category INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE education (
    occ INTEGER, category INTEGER, pct REAL NOT NULL, PRIMARY KEY (occ, category)
) WITHOUT ROWID;
CREATE TABLE related (
    occ INTEGER, position INTEGER, related INTEGER NOT NULL, tier TEXT NOT NULL,
    PRIMARY KEY (occ, position)
) WITHOUT ROWID;
CREATE TABLE soc (soc_code TEXT PRIMARY KEY, title TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE wage (
    code TEXT PRIMARY KEY, title TEXT, level TEXT, employment INTEGER, median_annual INTEGER,
    median_hourly REAL, note TEXT
) WITHOUT ROWID;
"""
