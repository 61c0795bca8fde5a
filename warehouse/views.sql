-- Views for analysts. Recreated at every writing connection.

CREATE OR REPLACE VIEW v_documents AS
SELECT
    d.doc_id, d.title, d.kind, d.issuer, d.level, d.report_date, d.year_covered, d.speaker,
    d.source_file, d.first_line, d.last_line, d.chars,
    (SELECT count(*) FROM dim_section s WHERE s.doc_id = d.doc_id)   AS sections,
    (SELECT count(*) FROM fact_sentence s WHERE s.doc_id = d.doc_id) AS sentences,
    d.run_id
FROM dim_document d;
COMMENT ON VIEW v_documents IS 'Documents with their metadata and section and sentence counts.';

CREATE OR REPLACE VIEW v_sentences AS
SELECT
    s.doc_id, d.title AS document_title, d.year_covered AS doc_year, s.sentence_no,
    sec.heading AS section_heading, s.role, s.text, s.source_file, s.source_line, s.run_id
FROM fact_sentence s
JOIN dim_document d USING (doc_id)
LEFT JOIN dim_section sec ON sec.doc_id = s.doc_id AND sec.section_no = s.section_no;
COMMENT ON VIEW v_sentences IS 'Sentences with their document title, year and section heading.';

CREATE OR REPLACE VIEW v_terms AS
SELECT d.doc_id, d.title AS document_title, d.year_covered AS doc_year, d.kind, k.term, sum(t.count) AS count
FROM fact_term t JOIN dim_term k USING (term_id) JOIN dim_document d USING (doc_no)
GROUP BY ALL;
COMMENT ON VIEW v_terms IS 'Term counts per document.';

CREATE OR REPLACE VIEW v_term_counts AS
SELECT d.doc_id, t.section_no, k.term, t.count, d.source_file, t.source_line, r.run_id
FROM fact_term t
JOIN dim_term k USING (term_id)
JOIN dim_document d USING (doc_no)
JOIN etl_run r USING (run_no);
COMMENT ON VIEW v_term_counts IS 'fact_term as it reads: one row per section and term, with its doc_id, the term, its source file and line, and the run_id that loaded it.';
