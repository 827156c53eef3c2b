"""The session file's schema, as forward migrations (sqlite-utils' built-in `Migrations`).

Add a change as a new decorated function at the end; never edit one that has shipped, and
raise `file_format.SCHEMA_VERSION` with it. That count of migrations is written to
`PRAGMA user_version`, so an older focusgroup can tell a file is too new without knowing the
migration names. Imported only to create or upgrade a file.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from focusgroup.store.file_format import APPLICATION_ID, SCHEMA_VERSION

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "migrations"]

migrations = Migrations("focusgroup")


@migrations()
def m001_initial(db: Database) -> None:
    # AUTOINCREMENT so a deleted id is never reused: undoing a delete re-inserts that id.
    # Statements run one by one: executescript() would COMMIT the surrounding transaction.
    for statement in _split(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            title TEXT NOT NULL,
            sector TEXT NOT NULL DEFAULT '',
            region TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            protocol_id TEXT NOT NULL,
            protocol_yaml TEXT NOT NULL,
            facilitator TEXT NOT NULL DEFAULT '',
            follow_up_url TEXT NOT NULL DEFAULT '',
            anonymous INTEGER NOT NULL DEFAULT 0,
            current_step INTEGER NOT NULL DEFAULT 0,
            source_profile TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            organization TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'employer',
            email TEXT NOT NULL DEFAULT '',
            consent INTEGER NOT NULL DEFAULT 0,
            quote_as TEXT NOT NULL DEFAULT 'named'
        );
        CREATE TABLE categories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            colour TEXT NOT NULL DEFAULT '',
            position REAL NOT NULL
        );
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            participant_id INTEGER,
            category_id INTEGER,
            level TEXT NOT NULL DEFAULT 'unsorted',
            position REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            third_card INTEGER NOT NULL DEFAULT 0,
            step INTEGER,
            soc_code TEXT NOT NULL DEFAULT '',
            onet_code TEXT NOT NULL DEFAULT '',
            soc_title TEXT NOT NULL DEFAULT '',
            hands INTEGER NOT NULL DEFAULT 0,
            stack_id INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX cards_place ON cards (category_id, level, position);
        CREATE INDEX cards_stack ON cards (stack_id);
        CREATE TABLE competencies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            card_id INTEGER,
            category_id INTEGER,
            ksa TEXT NOT NULL DEFAULT '',
            tier TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT '',
            lacking INTEGER NOT NULL DEFAULT 0,
            participant_id INTEGER,
            step INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'note',
            participant_id INTEGER,
            step INTEGER,
            card_ids TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            topic TEXT NOT NULL DEFAULT '',
            quote_as TEXT NOT NULL DEFAULT 'named',
            created_at TEXT NOT NULL
        );
        CREATE TABLE commitments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER,
            offer TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            owner TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('do', 'undo', 'redo')),
            action TEXT NOT NULL,
            changes TEXT NOT NULL,
            target INTEGER,
            undoable INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX events_actor ON events (actor, kind, id);
        CREATE INDEX events_target ON events (target);
        -- The log is append-only: the audit trail cannot be rewritten.
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
        CREATE TABLE sends (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER,
            email TEXT NOT NULL,
            at TEXT NOT NULL,
            message_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            error TEXT NOT NULL DEFAULT ''
        );
        """
    ):
        db.execute(statement)


def _split(script: str) -> list[str]:
    """Split on blank-line-free `;` ends, keeping trigger bodies (`...; END;`) whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        if line.strip().startswith("--"):
            continue
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and (
            not text.upper().startswith("CREATE TRIGGER") or text.endswith("END;")
        ):
            statements.append(text)
            current = []
    return statements


@migrations()
def m002_protocol_json(db: Database) -> None:
    # The validated protocol as JSON beside its YAML: opening a session then needs no YAML
    # parser (about 50 ms of start-up). Existing files get it filled in from their YAML.
    db.execute("ALTER TABLE sessions ADD COLUMN protocol_json TEXT NOT NULL DEFAULT ''")
    from focusgroup.domain.errors import ProtocolError
    from focusgroup.domain.protocol import protocol_to_json
    from focusgroup.domain.protocol_schema import parse_protocol

    for row_id, text in db.execute("SELECT id, protocol_yaml FROM sessions").fetchall():
        try:
            cached = protocol_to_json(parse_protocol(text, "stored protocol"))
        except ProtocolError:
            continue  # left empty: opening parses the YAML and reports the problem then
        db.execute("UPDATE sessions SET protocol_json = ? WHERE id = ?", [cached, row_id])


@migrations()
def m003_participant_title(db: Database) -> None:
    # A registration list's job title ("HR Director") has its own column: it used to be
    # offered as a role and refused, and a role is what the meeting needs to know.
    db.execute("ALTER TABLE participants ADD COLUMN title TEXT NOT NULL DEFAULT ''")


@migrations()
def m004_import_batches(db: Database) -> None:
    # A large import commits in parts so the other seat is never locked out for long; the
    # parts share a batch token and one undo takes them all back.
    db.execute("ALTER TABLE events ADD COLUMN batch TEXT")
    db.execute("CREATE INDEX events_batch ON events (batch)")
    # Undoing an added participant checks that no card points at them: without an index
    # that was a scan of every card per participant, and undoing 20,000 rows took minutes.
    db.execute("CREATE INDEX cards_participant ON cards (participant_id)")


@migrations()
def m005_room_results(db: Database) -> None:
    # Issue 14: what the room agreed at the recap, and what the summary promises.
    # hands_taken tells a show of hands of 0 from one never taken; a card with a count has
    # had one. shortlist is the card's place on the room's shortlist (0 = not on it).
    for statement in (
        "ALTER TABLE cards ADD COLUMN hands_taken INTEGER NOT NULL DEFAULT 0",
        "UPDATE cards SET hands_taken = 1 WHERE hands > 0",
        "ALTER TABLE cards ADD COLUMN shortlist REAL NOT NULL DEFAULT 0",
        "ALTER TABLE sessions ADD COLUMN reengage_on TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sessions ADD COLUMN next_steps TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE takeaways (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL,"
        " position REAL NOT NULL, created_at TEXT NOT NULL)",
    ):
        db.execute(statement)


@migrations()
def m006_pathways(db: Database) -> None:
    # Career pathways (issue 16): which card leads to which ("advances to"), the session's
    # OEWS area (a BLS area code), and annual openings imported from a projections CSV.
    db.execute("ALTER TABLE sessions ADD COLUMN area TEXT NOT NULL DEFAULT ''")
    for statement in _split(
        """
        CREATE TABLE card_links (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            card_id INTEGER NOT NULL,
            to_card_id INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX card_links_from ON card_links (card_id);
        CREATE INDEX card_links_to ON card_links (to_card_id);
        CREATE TABLE projections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            soc_code TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            annual_openings TEXT NOT NULL,
            area TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """
    ):
        db.execute(statement)


@migrations()
def m007_live_meeting(db: Database) -> None:
    # Issue 13: a card can be marked as a position that is disappearing or transforming; a
    # participant can be marked present (registration lists include people who didn't come);
    # the step timer's state is kept so closing and reopening the app doesn't reset it.
    db.execute("ALTER TABLE cards ADD COLUMN shift TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE participants ADD COLUMN attended INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE sessions ADD COLUMN timer TEXT NOT NULL DEFAULT ''")


@migrations()
def m008_programs(db: Database) -> None:
    # The education and training inventory (issue 17): programs, employers' step-8 answers
    # about where they find applicants, and openings per occupation for supply vs demand.
    # List cells (linkages, occupations, competencies) are JSON text, like cards.reasons.
    for statement in _split(
        """
        CREATE TABLE programs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            institution TEXT NOT NULL,
            program TEXT NOT NULL,
            credential TEXT NOT NULL DEFAULT '',
            level TEXT NOT NULL DEFAULT '',
            length TEXT NOT NULL DEFAULT '',
            cost TEXT NOT NULL DEFAULT '',
            prerequisites TEXT NOT NULL DEFAULT '',
            placement_rate TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT '',
            linkages TEXT NOT NULL DEFAULT '[]',
            occupations TEXT NOT NULL DEFAULT '[]',
            competencies TEXT NOT NULL DEFAULT '[]',
            completions TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'import',
            created_at TEXT NOT NULL
        );
        CREATE TABLE referrals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            participant_id INTEGER,
            program TEXT NOT NULL DEFAULT '',
            institution TEXT NOT NULL DEFAULT '',
            occupation TEXT NOT NULL DEFAULT '',
            favourite INTEGER NOT NULL DEFAULT 0,
            out_of_state TEXT NOT NULL DEFAULT '',
            promotes_within TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            program_id INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE TABLE openings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            occupation TEXT NOT NULL,
            openings INTEGER NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        """
    ):
        db.execute(statement)
