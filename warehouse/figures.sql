-- Figures: every stated quantity of the reports (see FIGURES.md), with what it counts.

CREATE TABLE IF NOT EXISTS dim_unit (
    unit VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL
);
COMMENT ON TABLE dim_unit IS 'Units a figure may carry, from seeds/units.csv.';
COMMENT ON COLUMN dim_unit.unit IS 'Unit as written (件, 人次, %, 个百分点 …); money and measure units also appear with their multiplier in fact_figure (亿元).';
COMMENT ON COLUMN dim_unit.kind IS 'count, measure, money or percent.';

CREATE TABLE IF NOT EXISTS dim_metric (
    metric   VARCHAR PRIMARY KEY,
    category VARCHAR NOT NULL,
    patterns VARCHAR NOT NULL
);
COMMENT ON TABLE dim_metric IS 'Canonical metrics a measure maps to, from seeds/taxonomy.csv.';
COMMENT ON COLUMN dim_metric.metric IS 'Canonical code (laws_enacted, deputy_suggestions, gdp …).';
COMMENT ON COLUMN dim_metric.category IS 'legislation, supervision, deputies, foreign_affairs, appointments, economy, society, judicial …';
COMMENT ON COLUMN dim_metric.patterns IS 'The measure patterns (regular expressions) that map to the metric.';

CREATE TABLE IF NOT EXISTS fact_figure (
    doc_id        VARCHAR NOT NULL,
    sentence_no   INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    source_file   VARCHAR NOT NULL,
    source_line   INTEGER NOT NULL,
    raw           VARCHAR NOT NULL,
    value         DOUBLE,
    unit          VARCHAR NOT NULL,
    qualifier     VARCHAR NOT NULL,
    numeral       VARCHAR NOT NULL,
    masked        BOOLEAN NOT NULL,
    masked_digits INTEGER,
    measure       VARCHAR,
    metric        VARCHAR,
    scope         VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);
COMMENT ON TABLE fact_figure IS 'One row per stated quantity; a range (3至5个) gives two rows, its low and high end. Key (doc_id, sentence_no, position), checked by the quality gate (one_row_per_place).';
COMMENT ON COLUMN fact_figure.doc_id IS 'Document (dim_document).';
COMMENT ON COLUMN fact_figure.sentence_no IS 'Sentence (fact_sentence) holding the figure.';
COMMENT ON COLUMN fact_figure.position IS 'Character offset of the number in the normalised sentence.';
COMMENT ON COLUMN fact_figure.source_file IS 'Inbox path of the source file.';
COMMENT ON COLUMN fact_figure.source_line IS '1-based raw line where the figure''s number begins.';
COMMENT ON COLUMN fact_figure.raw IS 'The figure as it stands in the normalised sentence: qualifier, sign, number, multiplier, unit.';
COMMENT ON COLUMN fact_figure.value IS 'The number, counts multiplied by 万/亿 (2.62万 → 26200); money and measures as written (126万亿元 → 126); negative where a minus sign is written (-1.1‰). NULL when masked.';
COMMENT ON COLUMN fact_figure.unit IS 'Unit as written; money and measure units keep their multiplier (亿元, 万吨).';
COMMENT ON COLUMN fact_figure.qualifier IS 'Approximation or bound marker (多 余 近 约 超过 以上 左右 …), empty when none.';
COMMENT ON COLUMN fact_figure.numeral IS 'arabic, chinese or masked.';
COMMENT ON COLUMN fact_figure.masked IS 'True when digits were masked as x in the source.';
COMMENT ON COLUMN fact_figure.masked_digits IS 'Number of x letters before any decimal point, for masked figures.';
COMMENT ON COLUMN fact_figure.measure IS 'The phrase of the sentence naming what is counted.';
COMMENT ON COLUMN fact_figure.metric IS 'Canonical metric (dim_metric) mapped from the measure; NULL when unmapped.';
COMMENT ON COLUMN fact_figure.scope IS 'Reporting period the text makes explicit (过去一年, 五年来, 今年 …), empty otherwise.';
COMMENT ON COLUMN fact_figure.run_id IS 'Run that loaded the row.';

-- Warehouses made before fact_sentence counted its figures: count them once (a later writing
-- connection finds no NULL to fill: about 5 ms on a warehouse of 1.4 million sentences).
ALTER TABLE fact_sentence ADD COLUMN IF NOT EXISTS figures INTEGER;
UPDATE fact_sentence SET figures = (
    SELECT count(*) FROM fact_figure f
    WHERE f.doc_id = fact_sentence.doc_id AND f.sentence_no = fact_sentence.sentence_no
)
WHERE figures IS NULL;

COMMENT ON COLUMN fact_sentence.figures IS 'Number of fact_figure rows in the sentence (a range counts twice, as it gives two rows).';

CREATE OR REPLACE VIEW v_figures AS
SELECT
    f.source_file,
    f.source_line,
    d.title          AS document_title,
    d.year_covered   AS doc_year,
    sec.heading      AS section_heading,
    s.text           AS sentence,
    f.raw,
    f.value,
    f.unit,
    f.qualifier,
    f.numeral,
    f.masked,
    f.masked_digits,
    f.measure,
    f.metric,
    m.category,
    f.scope,
    d.kind           AS doc_kind,
    d.level          AS doc_level,
    f.doc_id,
    f.sentence_no,
    f.position,
    f.run_id
FROM fact_figure f
JOIN dim_document d USING (doc_id)
-- `s.figures > 0` holds for every figure's sentence; said here, it lets the scan skip the
-- sentences without figures (five in six) before the join: a third less time for a query of the
-- view that reads no sentence column.
JOIN fact_sentence s ON s.doc_id = f.doc_id AND s.sentence_no = f.sentence_no AND s.figures > 0
LEFT JOIN dim_section sec ON sec.doc_id = f.doc_id AND sec.section_no = s.section_no
LEFT JOIN dim_metric m ON m.metric = f.metric;
COMMENT ON VIEW v_figures IS 'Figures for analysts: each with its document, section, sentence, metric and category.';
