"""Great Expectations suites that gate the load, and the data-quality report."""
