-- Fill the calendar once (1949-01-01 .. 2050-12-31).
INSERT INTO dim_date
SELECT
    CAST(strftime(d, '%Y%m%d') AS INTEGER) AS date_key,
    CAST(d AS DATE)                        AS date,
    year(d), quarter(d), month(d), day(d), weekofyear(d), dayname(d)
FROM generate_series(DATE '1949-01-01', DATE '2050-12-31', INTERVAL 1 DAY) AS t(d);
