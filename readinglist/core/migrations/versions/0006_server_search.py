"""Full-text search on PostgreSQL: tsvector columns with GIN indexes, title words by trigram.

SQLite libraries search through FTS5 tables (revisions 0001 and 0004) and are left as
they were. On PostgreSQL, a text-search configuration folds case and accents and splits
words at anything but a letter or digit, as FTS5's unicode61 tokenizer does; every paper keeps
its title's and its whole text's words in generated columns; ``title_words`` holds each
distinct title word once, with a trigram index, for typo-tolerant search; and the
``readinglist_revision`` sequence moves with every change, for clients that watch.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen here: later versions of the application may change their copy, never this one.
UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TEXT SEARCH CONFIGURATION readinglist (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION readinglist ALTER MAPPING FOR"
    " asciiword, word, numword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple",
    # A hyphenated word is indexed as its parts only, as unicode61 splits it.
    "ALTER TEXT SEARCH CONFIGURATION readinglist DROP MAPPING FOR asciihword, hword, numhword",
    # Words are runs of letters and digits, as for unicode61: everything else is turned
    # into spaces first, so the parser sees no numbers with signs, versions, paths or
    # URLs (it would read "Llama-3.2-1B" as "llama", "3.2", "-1", "b").
    "ALTER TABLE papers ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS"
    " (to_tsvector('readinglist'::regconfig,"
    " regexp_replace(title COLLATE \"und-x-icu\", '[^[:alnum:]]+', ' ', 'g'))) STORED",
    "ALTER TABLE papers ADD COLUMN text_tsv tsvector GENERATED ALWAYS AS"
    " (to_tsvector('readinglist'::regconfig, regexp_replace("
    "title COLLATE \"und-x-icu\" || ' ' || abstract || ' ' || note, '[^[:alnum:]]+', ' ', 'g')"
    ")) STORED",
    "CREATE INDEX ix_papers_title_tsv ON papers USING gin (title_tsv)",
    "CREATE INDEX ix_papers_text_tsv ON papers USING gin (text_tsv)",
    "CREATE TABLE title_words (word text PRIMARY KEY)",
    "CREATE INDEX ix_title_words_trigrams ON title_words USING gin (word gin_trgm_ops)",
    """CREATE FUNCTION readinglist_note_title_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO title_words (word)
    SELECT DISTINCT word FROM changed_papers, unnest(tsvector_to_array(changed_papers.title_tsv)) AS word
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$""",
    "CREATE TRIGGER papers_title_words_insert AFTER INSERT ON papers"
    " REFERENCING NEW TABLE AS changed_papers"
    " FOR EACH STATEMENT EXECUTE FUNCTION readinglist_note_title_words()",
    "CREATE TRIGGER papers_title_words_update AFTER UPDATE ON papers"
    " REFERENCING NEW TABLE AS changed_papers"
    " FOR EACH STATEMENT EXECUTE FUNCTION readinglist_note_title_words()",
    "INSERT INTO title_words (word)"
    " SELECT DISTINCT unnest(tsvector_to_array(title_tsv)) FROM papers ON CONFLICT DO NOTHING",
    "CREATE SEQUENCE readinglist_revision",
]

DOWNGRADE = [
    "DROP SEQUENCE readinglist_revision",
    "DROP TRIGGER papers_title_words_update ON papers",
    "DROP TRIGGER papers_title_words_insert ON papers",
    "DROP FUNCTION readinglist_note_title_words()",
    "DROP TABLE title_words",
    "DROP INDEX ix_papers_text_tsv",
    "DROP INDEX ix_papers_title_tsv",
    "ALTER TABLE papers DROP COLUMN text_tsv",
    "ALTER TABLE papers DROP COLUMN title_tsv",
    "DROP TEXT SEARCH CONFIGURATION readinglist",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
