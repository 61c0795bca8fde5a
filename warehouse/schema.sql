-- renda warehouse schema. Idempotent: run at every connection that writes.
-- Every fact and dimension row carries the run that loaded it (run_id → etl_run; fact_term its
-- run_no) and the source file it came from (fact_term through its doc_no); sentence, section,
-- figure and term rows also carry their 1-based raw line.

CREATE TABLE IF NOT EXISTS etl_run (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,
    inbox             VARCHAR,
    files_seen        INTEGER,
    files_loaded      INTEGER,
    files_unchanged   INTEGER,
    files_duplicate   INTEGER,
    files_quarantined INTEGER,
    documents         INTEGER,
    sections          INTEGER,
    sentences         INTEGER,
    tokens            BIGINT,
    terms             INTEGER,
    figures           INTEGER,
    message           VARCHAR,
    run_no            INTEGER
);
-- Warehouses made before runs were numbered: number their runs in the order they started.
ALTER TABLE etl_run ADD COLUMN IF NOT EXISTS run_no INTEGER;
UPDATE etl_run SET run_no = numbered.run_no
FROM (
    SELECT run_id, (SELECT coalesce(max(run_no), 0) FROM etl_run)
                   + row_number() OVER (ORDER BY started_at, run_id) AS run_no
    FROM etl_run WHERE run_no IS NULL
) AS numbered
WHERE etl_run.run_id = numbered.run_id;
COMMENT ON TABLE etl_run IS 'One row per run of the ingest-reports flow: what it saw, loaded and skipped.';
COMMENT ON COLUMN etl_run.run_id IS 'Load id (UTC start time + random suffix); every loaded row carries it, or in fact_term its run_no.';
COMMENT ON COLUMN etl_run.run_no IS 'Run number, 1 for the first run of the warehouse; unique. fact_term''s rows carry this integer instead of run_id.';
COMMENT ON COLUMN etl_run.flow_run_id IS 'Prefect flow run id, to find the run in the Prefect UI.';
COMMENT ON COLUMN etl_run.started_at IS 'When the run started.';
COMMENT ON COLUMN etl_run.finished_at IS 'When the run committed or failed.';
COMMENT ON COLUMN etl_run.status IS 'succeeded (all files loaded or unchanged), partial (some quarantined) or failed (nothing loaded).';
COMMENT ON COLUMN etl_run.inbox IS 'Inbox folder the run read.';
COMMENT ON COLUMN etl_run.files_seen IS 'Files found in the inbox.';
COMMENT ON COLUMN etl_run.files_loaded IS 'Files new or changed and loaded by this run.';
COMMENT ON COLUMN etl_run.files_unchanged IS 'Files skipped because the ledger already holds their content.';
COMMENT ON COLUMN etl_run.files_duplicate IS 'Files whose bytes equal a file already loaded under another name.';
COMMENT ON COLUMN etl_run.files_quarantined IS 'Files refused by this run (see file_ledger.reason).';
COMMENT ON COLUMN etl_run.documents IS 'Documents loaded by this run.';
COMMENT ON COLUMN etl_run.sections IS 'Sections loaded by this run.';
COMMENT ON COLUMN etl_run.sentences IS 'Sentences loaded by this run.';
COMMENT ON COLUMN etl_run.tokens IS 'jieba tokens cut by this run.';
COMMENT ON COLUMN etl_run.terms IS 'fact_term rows loaded by this run.';
COMMENT ON COLUMN etl_run.figures IS 'fact_figure rows loaded by this run.';
COMMENT ON COLUMN etl_run.message IS 'Error message of a failed run.';

CREATE TABLE IF NOT EXISTS file_ledger (
    path          VARCHAR PRIMARY KEY,
    size_bytes    BIGINT NOT NULL,
    mtime_ns      BIGINT NOT NULL,
    sha256        VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    reason        VARCHAR,
    encoding      VARCHAR,
    duplicate_of  VARCHAR,
    run_id        VARCHAR NOT NULL,
    first_run_id  VARCHAR NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE file_ledger IS 'One row per inbox file: the content last seen under that path and what became of it.';
COMMENT ON COLUMN file_ledger.path IS 'File path relative to the inbox.';
COMMENT ON COLUMN file_ledger.size_bytes IS 'Size when last seen; with mtime_ns, lets an unchanged file be skipped without reading it.';
COMMENT ON COLUMN file_ledger.mtime_ns IS 'Modification time (ns since epoch) when last seen.';
COMMENT ON COLUMN file_ledger.sha256 IS 'sha256 of the file bytes when last seen.';
COMMENT ON COLUMN file_ledger.status IS 'loaded, duplicate (same bytes as duplicate_of) or quarantined (see reason).';
COMMENT ON COLUMN file_ledger.reason IS 'Why a file was quarantined, in words.';
COMMENT ON COLUMN file_ledger.encoding IS 'Encoding the file was decoded with (utf-8, utf-8-sig, utf-16, gb18030).';
COMMENT ON COLUMN file_ledger.duplicate_of IS 'For a duplicate: the path already loaded with the same bytes.';
COMMENT ON COLUMN file_ledger.run_id IS 'Run that last changed this row.';
COMMENT ON COLUMN file_ledger.first_run_id IS 'Run that first saw this path.';
COMMENT ON COLUMN file_ledger.updated_at IS 'When this row last changed.';

CREATE TABLE IF NOT EXISTS normalization_repair (
    source_file VARCHAR NOT NULL,
    source_line INTEGER NOT NULL,
    doc_id      VARCHAR,
    kind        VARCHAR NOT NULL,
    before      VARCHAR NOT NULL,
    after       VARCHAR NOT NULL,
    run_id      VARCHAR NOT NULL
);
COMMENT ON TABLE normalization_repair IS 'Every change the normaliser made to the raw text, so an analyst can see what was repaired.';
COMMENT ON COLUMN normalization_repair.source_file IS 'Inbox path of the file.';
COMMENT ON COLUMN normalization_repair.source_line IS '1-based raw line of the repair (for line_join: the line that was continued).';
COMMENT ON COLUMN normalization_repair.doc_id IS 'Document the line belongs to (NULL for a compilation preamble or table of contents).';
COMMENT ON COLUMN normalization_repair.kind IS 'space_in_number, fullwidth, markdown_emphasis, markdown_heading, page_marker, invisible_char, html_markup, toc, boilerplate, page_number, ideographic_paragraphs or line_join.';
COMMENT ON COLUMN normalization_repair.before IS 'The text before the repair (for line_join: the ends around the break, ⏎ marking it).';
COMMENT ON COLUMN normalization_repair.after IS 'The text after the repair (empty when the text was dropped).';
COMMENT ON COLUMN normalization_repair.run_id IS 'Run that loaded the row.';

CREATE TABLE IF NOT EXISTS dim_date (
    date_key   INTEGER PRIMARY KEY,
    date       DATE NOT NULL,
    year       INTEGER NOT NULL,
    quarter    INTEGER NOT NULL,
    month      INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    iso_week   INTEGER NOT NULL,
    weekday    VARCHAR NOT NULL
);
COMMENT ON TABLE dim_date IS 'Calendar from 1949-01-01 to 2050-12-31, for report dates.';
COMMENT ON COLUMN dim_date.date_key IS 'yyyymmdd as an integer.';
COMMENT ON COLUMN dim_date.date IS 'The date.';
COMMENT ON COLUMN dim_date.year IS 'Calendar year.';
COMMENT ON COLUMN dim_date.quarter IS 'Quarter 1-4.';
COMMENT ON COLUMN dim_date.month IS 'Month 1-12.';
COMMENT ON COLUMN dim_date.day IS 'Day of month.';
COMMENT ON COLUMN dim_date.iso_week IS 'ISO week number.';
COMMENT ON COLUMN dim_date.weekday IS 'Day name (Monday …).';

CREATE TABLE IF NOT EXISTS dim_issuer (
    issuer_id  VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    level      VARCHAR
);
COMMENT ON TABLE dim_issuer IS 'Bodies that issue reports (standing committees, governments, committees).';
COMMENT ON COLUMN dim_issuer.issuer_id IS 'md5 of name and level: stable across runs.';
COMMENT ON COLUMN dim_issuer.name IS 'Name as the report gives it; masked place names stay masked (市人大常委会).';
COMMENT ON COLUMN dim_issuer.level IS 'national, provincial, municipal, county, township or NULL when the text does not say.';

CREATE TABLE IF NOT EXISTS dim_document (
    doc_id           VARCHAR PRIMARY KEY,
    doc_no           INTEGER NOT NULL UNIQUE,
    source_file      VARCHAR NOT NULL,
    source_sha256    VARCHAR NOT NULL,
    part_no          INTEGER NOT NULL,
    parts            INTEGER NOT NULL,
    first_line       INTEGER NOT NULL,
    last_line        INTEGER NOT NULL,
    title            VARCHAR,
    subtitle         VARCHAR,
    kind             VARCHAR NOT NULL,
    issuer_id        VARCHAR,
    issuer           VARCHAR,
    level            VARCHAR,
    report_date      DATE,
    report_date_key  INTEGER,
    year_covered     INTEGER,
    speaker          VARCHAR,
    speaker_role     VARCHAR,
    collection_title VARCHAR,
    chars            INTEGER NOT NULL,
    run_id           VARCHAR NOT NULL
);
-- Warehouses made before documents were numbered: number their documents in load order.
ALTER TABLE dim_document ADD COLUMN IF NOT EXISTS doc_no INTEGER;
UPDATE dim_document SET doc_no = numbered.doc_no
FROM (
    SELECT d.doc_id, (SELECT coalesce(max(doc_no), 0) FROM dim_document)
                     + row_number() OVER (ORDER BY r.started_at, d.run_id, d.doc_id) AS doc_no
    FROM dim_document d LEFT JOIN etl_run r USING (run_id) WHERE d.doc_no IS NULL
) AS numbered
WHERE dim_document.doc_id = numbered.doc_id;
COMMENT ON TABLE dim_document IS 'One row per report; a compilation file gives one row per report it holds.';
COMMENT ON COLUMN dim_document.doc_id IS 'First 16 hex digits of the file sha256, dash, part number: stable for the same bytes.';
COMMENT ON COLUMN dim_document.doc_no IS 'Document number, unique: a run numbers its documents on from the largest number the warehouse had when it began, in doc_id order (a replaced file''s documents get new numbers). fact_term''s rows carry it instead of doc_id.';
COMMENT ON COLUMN dim_document.source_file IS 'Inbox path of the file the document came from.';
COMMENT ON COLUMN dim_document.source_sha256 IS 'sha256 of the source file bytes.';
COMMENT ON COLUMN dim_document.part_no IS 'Position of the document in its file, from 1.';
COMMENT ON COLUMN dim_document.parts IS 'Number of documents in the file (1 unless a compilation).';
COMMENT ON COLUMN dim_document.first_line IS 'First raw line of the document in the source file.';
COMMENT ON COLUMN dim_document.last_line IS 'Last raw line of the document in the source file.';
COMMENT ON COLUMN dim_document.title IS 'Title as printed (spaces around numbers removed).';
COMMENT ON COLUMN dim_document.subtitle IS 'Line under the title: occasion and date of delivery, or adoption note.';
COMMENT ON COLUMN dim_document.kind IS 'standing_committee_work_report, government_work_report, work_report, summary, work_plan, speech_compilation, speech or other.';
COMMENT ON COLUMN dim_document.issuer_id IS 'Issuing body (dim_issuer).';
COMMENT ON COLUMN dim_document.issuer IS 'Issuing body name, NULL where the text does not say (speech compilations).';
COMMENT ON COLUMN dim_document.level IS 'national, provincial, municipal, county or township.';
COMMENT ON COLUMN dim_document.report_date IS 'Date the report was delivered or adopted, from its subtitle.';
COMMENT ON COLUMN dim_document.report_date_key IS 'report_date as dim_date.date_key.';
COMMENT ON COLUMN dim_document.year_covered IS 'Year the report is about: from the title, else for a work report the year before its delivery in January to April (a congress''s annual session), its own year when delivered later.';
COMMENT ON COLUMN dim_document.speaker IS 'Who delivered it, from the "职务 姓名" line.';
COMMENT ON COLUMN dim_document.speaker_role IS 'The speaker''s office as printed.';
COMMENT ON COLUMN dim_document.collection_title IS 'Title of the compilation the document was found in.';
COMMENT ON COLUMN dim_document.chars IS 'Characters of normalised text in the document.';
COMMENT ON COLUMN dim_document.run_id IS 'Run that loaded the row.';

CREATE TABLE IF NOT EXISTS dim_section (
    doc_id            VARCHAR NOT NULL,
    section_no        INTEGER NOT NULL,
    parent_section_no INTEGER,
    level             INTEGER NOT NULL,
    heading           VARCHAR NOT NULL,
    enumerator        VARCHAR,
    speaker           VARCHAR,
    source_file       VARCHAR NOT NULL,
    source_line       INTEGER NOT NULL,
    run_id            VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, section_no)
);
COMMENT ON TABLE dim_section IS 'Headed sections of each document, nested (一、 > （一） > 1.). Text before the first heading is section 0, which has no row.';
COMMENT ON COLUMN dim_section.doc_id IS 'Document (dim_document).';
COMMENT ON COLUMN dim_section.section_no IS 'Position of the section in its document, from 1.';
COMMENT ON COLUMN dim_section.parent_section_no IS 'Enclosing section (same document), NULL at the top.';
COMMENT ON COLUMN dim_section.level IS '1 unnumbered heading or 第一部分 (章, 篇), 2 一、, 3 （一）, 4 1.';
COMMENT ON COLUMN dim_section.heading IS 'Heading text; for a run-in heading, its first sentence.';
COMMENT ON COLUMN dim_section.enumerator IS 'The numbering as printed (第二部分, 二、, （三）, 4.), NULL when unnumbered.';
COMMENT ON COLUMN dim_section.speaker IS 'Speaker of the section in a speech compilation.';
COMMENT ON COLUMN dim_section.source_file IS 'Inbox path of the source file.';
COMMENT ON COLUMN dim_section.source_line IS '1-based raw line of the heading.';
COMMENT ON COLUMN dim_section.run_id IS 'Run that loaded the row.';

CREATE TABLE IF NOT EXISTS fact_sentence (
    doc_id        VARCHAR NOT NULL,
    sentence_no   INTEGER NOT NULL,
    section_no    INTEGER NOT NULL,
    paragraph_no  INTEGER NOT NULL,
    role          VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    chars         INTEGER NOT NULL,
    figures       INTEGER NOT NULL,
    source_file   VARCHAR NOT NULL,
    source_line   INTEGER NOT NULL,
    run_id        VARCHAR NOT NULL
);
COMMENT ON TABLE fact_sentence IS 'Every sentence of every document, in order, with the raw line it starts on. Key (doc_id, sentence_no), unique by construction; not enforced, to keep large loads fast.';
COMMENT ON COLUMN fact_sentence.doc_id IS 'Document (dim_document).';
COMMENT ON COLUMN fact_sentence.sentence_no IS 'Position in the document, from 0.';
COMMENT ON COLUMN fact_sentence.section_no IS 'Section (dim_section); 0 before the first heading.';
COMMENT ON COLUMN fact_sentence.paragraph_no IS 'Paragraph in the document, from 0 (lines broken mid-sentence are joined first).';
COMMENT ON COLUMN fact_sentence.role IS 'header (title block), heading, speaker or body.';
COMMENT ON COLUMN fact_sentence.text IS 'Normalised sentence text, closing punctuation and quotes kept.';
COMMENT ON COLUMN fact_sentence.chars IS 'Length in characters.';
COMMENT ON COLUMN fact_sentence.source_file IS 'Inbox path of the source file.';
COMMENT ON COLUMN fact_sentence.source_line IS '1-based raw line where the sentence begins.';
COMMENT ON COLUMN fact_sentence.run_id IS 'Run that loaded the row.';

CREATE TABLE IF NOT EXISTS dim_term (
    term_id  INTEGER PRIMARY KEY,
    term     VARCHAR NOT NULL UNIQUE,
    chars    INTEGER NOT NULL
);
COMMENT ON TABLE dim_term IS 'Every term ever counted in fact_term: a token of two or more characters with a Chinese character, as cut by jieba with the user dictionary seeds/userdict.txt. Terms are never removed (a replaced file may leave some uncounted).';
COMMENT ON COLUMN dim_term.term_id IS 'Term number: a run numbers its new terms on from the largest, in term order.';
COMMENT ON COLUMN dim_term.term IS 'The token as jieba cut it.';
COMMENT ON COLUMN dim_term.chars IS 'Length in characters.';

-- Each column's compression is the one DuckDB picks for it anyway (rows come by section, so the
-- section's columns are runs; terms and counts are small integers), named here so that a load of
-- millions of rows does not try every method on every column first: 25% less CPU for the insert.
CREATE TABLE IF NOT EXISTS fact_term (
    doc_no       INTEGER NOT NULL USING COMPRESSION rle,
    section_no   INTEGER NOT NULL USING COMPRESSION rle,
    term_id      INTEGER NOT NULL USING COMPRESSION bitpacking,
    count        INTEGER NOT NULL USING COMPRESSION bitpacking,
    source_line  INTEGER NOT NULL USING COMPRESSION rle,
    run_no       INTEGER NOT NULL USING COMPRESSION rle
);
COMMENT ON TABLE fact_term IS 'jieba term counts per section (v_term_counts shows them with the document, term, file and run). Key (doc_no, section_no, term_id), unique by construction (a group-by); not enforced, to keep large loads fast. By far the largest table, so its keys are integers (doc_no, term_id, run_no) and it does not repeat its document''s source file (dim_document.source_file): each string column cost about a third of its load.';
COMMENT ON COLUMN fact_term.doc_no IS 'Document (dim_document.doc_no).';
COMMENT ON COLUMN fact_term.section_no IS 'Section (dim_section); 0 before the first heading.';
COMMENT ON COLUMN fact_term.term_id IS 'Term (dim_term).';
COMMENT ON COLUMN fact_term.count IS 'Occurrences in the section.';
COMMENT ON COLUMN fact_term.source_line IS '1-based raw line where the section begins.';
COMMENT ON COLUMN fact_term.run_no IS 'Run that loaded the row (etl_run.run_no).';
