"""The Data Docs site as a browser shows it: headless Chromium, no network (CDNs unreachable)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chromium import ChromiumUnavailable, dump_dom, ensure_chromium, visible_text
from test_quality import planted_frames

from expectations.gate import QualityOutcome, run_quality
from expectations.suites import CHECK_BY_NAME


@pytest.fixture(scope="module")
def chromium() -> str:
    try:
        return ensure_chromium()
    except ChromiumUnavailable as err:
        pytest.fail(f"Data Docs tests need Debian's chromium: {err}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[QualityOutcome, dict[str, str]]:
    frames, ids = planted_frames()
    site_dir = tmp_path_factory.mktemp("dq") / "site"
    run_quality({}, run_id="before", site_dir=site_dir)  # an earlier, empty run stays listed
    return run_quality(frames, run_id="planted", site_dir=site_dir), ids


@pytest.fixture(scope="module")
def index_dom(site: tuple[QualityOutcome, dict[str, str]], chromium: str) -> str:
    outcome, _ = site
    return dump_dom(outcome.docs_index.as_uri(), chromium=chromium)


def test_index_shows_the_runs_suites_and_failed_check(index_dom: str) -> None:
    text = visible_text(index_dom)
    assert "renda data quality" in text
    for suite in ("documents", "sentences", "figures", "terms"):
        assert re.search(rf"planted \S+ \S+ {suite} (Succeeded|Failed)", text), suite
    assert re.search(r"planted \S+ \S+ figures Failed", text)
    assert re.search(r"planted \S+ \S+ documents Succeeded", text)
    share = CHECK_BY_NAME[("figures", "share_at_most_100")]
    assert f"critical: share_at_most_100 — {share.description} (1 row)" in text
    assert "warning: part_not_above_total" in text
    assert re.search(r"before \S+ \S+ figures Succeeded", text)  # history of earlier runs


def test_index_names_the_quarantined_document(
    index_dom: str, site: tuple[QualityOutcome, dict[str, str]]
) -> None:
    _, ids = site
    text = visible_text(index_dom)
    quarantined = (
        re.escape(ids["900_planted_critical.txt"])
        + r"\s*: figures\.share_at_most_100 at 900_planted_critical\.txt:9"
    )
    assert re.search(quarantined, text)
    assert ids["901_planted_warning.txt"] not in text


def test_validation_page_of_figures_shows_the_failure(
    index_dom: str, site: tuple[QualityOutcome, dict[str, str]], chromium: str
) -> None:
    outcome, _ = site
    links = re.findall(r'href="(validations/renda_figures/planted/[^"]+\.html)"', index_dom)
    assert len(links) == 1
    page = outcome.docs_index.parent / links[0]
    assert page.is_file()
    text = visible_text(dump_dom(page.as_uri(), chromium=chromium))
    assert "Expectation Suite: renda_figures" in text
    assert "Status: Failed" in text
    assert re.search(r"Unsuccessful Expectations 2\b", text)
    assert CHECK_BY_NAME[("figures", "share_at_most_100")].description in text
    assert "180" in text  # the unexpected value is shown


def test_screenshot_renders_a_page(
    site: tuple[QualityOutcome, dict[str, str]], chromium: str, tmp_path: Path
) -> None:
    import subprocess

    from chromium import FLAGS

    outcome, _ = site
    shot = tmp_path / "index.png"
    subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,900",
            outcome.docs_index.as_uri(),
        ],
        capture_output=True,
        timeout=90,
        check=True,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
