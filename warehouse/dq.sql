-- renda data-quality tables, written by the quality gate (expectations/gate.py run_quality) of each run.
-- Idempotent: run at every connection that writes. A row's run_id is the etl_run it checked.

CREATE TABLE IF NOT EXISTS dq_run (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NOT NULL,
    seconds         DOUBLE NOT NULL,
    documents       INTEGER NOT NULL,
    sentences       INTEGER NOT NULL,
    figures         INTEGER NOT NULL,
    terms           INTEGER NOT NULL,
    expectations    INTEGER NOT NULL,
    failed_critical INTEGER NOT NULL,
    failed_warning  INTEGER NOT NULL,
    issues          INTEGER NOT NULL,
    quarantined     INTEGER NOT NULL,
    success         BOOLEAN NOT NULL,
    docs_index      VARCHAR NOT NULL,
    gx_version      VARCHAR NOT NULL
);
COMMENT ON TABLE dq_run IS 'One row per quality gate run: what it validated and how it went.';
COMMENT ON COLUMN dq_run.run_id IS 'Load id of the run (etl_run.run_id).';
COMMENT ON COLUMN dq_run.started_at IS 'When the gate started.';
COMMENT ON COLUMN dq_run.finished_at IS 'When the gate finished.';
COMMENT ON COLUMN dq_run.seconds IS 'Wall time of the gate, Great Expectations and Data Docs included.';
COMMENT ON COLUMN dq_run.documents IS 'Documents validated (before quarantine).';
COMMENT ON COLUMN dq_run.sentences IS 'Sentences validated.';
COMMENT ON COLUMN dq_run.figures IS 'Figures validated.';
COMMENT ON COLUMN dq_run.terms IS 'Term count rows validated.';
COMMENT ON COLUMN dq_run.expectations IS 'Expectations evaluated (all suites).';
COMMENT ON COLUMN dq_run.failed_critical IS 'Critical expectations that failed: their documents were quarantined.';
COMMENT ON COLUMN dq_run.failed_warning IS 'Warning expectations that failed: rows loaded, issues reported.';
COMMENT ON COLUMN dq_run.issues IS 'dq_issue rows of the run (failing rows and text anomalies).';
COMMENT ON COLUMN dq_run.quarantined IS 'Documents quarantined by the run.';
COMMENT ON COLUMN dq_run.success IS 'True when no critical expectation failed.';
COMMENT ON COLUMN dq_run.docs_index IS 'Path of the Data Docs index.html rebuilt by the run.';
COMMENT ON COLUMN dq_run.gx_version IS 'Great Expectations version that validated.';

CREATE TABLE IF NOT EXISTS dq_result (
    run_id           VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    "column"         VARCHAR,
    success          BOOLEAN NOT NULL,
    observed_value   VARCHAR,
    unexpected_count BIGINT,
    severity         VARCHAR NOT NULL,
    PRIMARY KEY (run_id, suite, expectation)
);
COMMENT ON TABLE dq_result IS 'One row per expectation per run: the Great Expectations verdict (suites in expectations/suites.py).';
COMMENT ON COLUMN dq_result.run_id IS 'Run that validated (dq_run).';
COMMENT ON COLUMN dq_result.suite IS 'documents, sentences, figures or terms.';
COMMENT ON COLUMN dq_result.expectation IS 'Short name of the check in its suite (sign_as_written, share_at_most_100 …).';
COMMENT ON COLUMN dq_result."column" IS 'Column checked; several joined by commas; the compared column for pair checks.';
COMMENT ON COLUMN dq_result.success IS 'Whether every row met the expectation.';
COMMENT ON COLUMN dq_result.observed_value IS 'What GX observed, as text: "n of m unexpected" and a sample of the values, or the observed aggregate.';
COMMENT ON COLUMN dq_result.unexpected_count IS 'Rows that failed (NULL for table-level expectations).';
COMMENT ON COLUMN dq_result.severity IS 'critical (failing documents are quarantined) or warning (loaded and reported).';

CREATE TABLE IF NOT EXISTS dq_issue (
    run_id      VARCHAR NOT NULL,
    source_file VARCHAR,
    source_line INTEGER,
    doc_id      VARCHAR,
    kind        VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,
    detail      VARCHAR NOT NULL
);
COMMENT ON TABLE dq_issue IS 'Every problem a run found, at its place in the source: rows failing an expectation, and text anomalies.';
COMMENT ON COLUMN dq_issue.run_id IS 'Run that found it (dq_run).';
COMMENT ON COLUMN dq_issue.source_file IS 'Inbox path of the file.';
COMMENT ON COLUMN dq_issue.source_line IS '1-based raw line of the problem (for a document: its first line; masked_numbers: the first masked line).';
COMMENT ON COLUMN dq_issue.doc_id IS 'Document concerned (dim_document; not loaded when quarantined).';
COMMENT ON COLUMN dq_issue.kind IS 'suite.check for a failed expectation (figures.share_at_most_100), or an anomaly: latin_word, doubled_word, truncated_paragraph, masked_numbers.';
COMMENT ON COLUMN dq_issue.severity IS 'critical (document quarantined), warning or info.';
COMMENT ON COLUMN dq_issue.detail IS 'What is wrong, with the text around it.';
