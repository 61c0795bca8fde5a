"""A static run summary at the top of the GX Data Docs index.

GX draws its index table with JavaScript loaded from public CDNs, so on a machine without internet
(ours, CI) the index shows an empty table. The validation pages themselves are plain HTML. This
module writes, into the index GX just built, a server-rendered table of the recent gate runs (suite,
status, failed checks, link to GX's page) and the documents quarantined by the latest run, so the
index is useful with or without the CDN.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

HISTORY = "renda_runs.json"  # recent run summaries, kept beside index.html
MARKER = '<div id="section-1-content-block-2"'  # GX's tabs with the JS table
BLOCK_ID = "renda-dq"
MAX_ISSUES = 200  # issues listed on the page; dq_issue holds them all


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return data if isinstance(data, list) else []


def _rows(n: int | None) -> str:
    return "table-level" if n is None else f"{n} row" if n == 1 else f"{n} rows"


def _runs_table(history: list[dict[str, Any]]) -> str:
    rows = []
    for run in history:
        for s in run["suites"]:
            status = "Succeeded" if s["success"] else "Failed"
            failed = "".join(
                f'<li class="renda-failed renda-{escape(f["severity"])}">{escape(f["severity"])}: '
                f"{escape(f['expectation'])} — {escape(f['description'])} "
                f"({_rows(f['unexpected_count'])})</li>"
                for f in s["failed"]
            )
            link = f'<a href="{escape(s["page"])}">details</a>' if s.get("page") else ""
            rows.append(
                "<tr>"
                f"<td>{escape(run['run_id'])}</td><td>{escape(run['time'])}</td>"
                f'<td class="renda-suite">{escape(s["suite"])}</td>'
                f'<td class="renda-status">{status}</td>'
                f"<td>{s['evaluated']}</td><td>{len(s['failed'])}</td>"
                f"<td><ul class='mb-0'>{failed}</ul></td><td>{link}</td>"
                "</tr>"
            )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Run", "Time (UTC)", "Suite", "Status", "Checks", "Failed", "Failed checks", "")
    )
    return (
        '<table class="table table-sm table-bordered" id="renda-runs">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _block(history: list[dict[str, Any]]) -> str:
    latest = history[0]
    quarantine = "".join(
        f"<li><code>{escape(doc)}</code>: {escape(reason)}</li>"
        for doc, reason in sorted(latest["quarantine"].items())
    )
    quarantined = (
        f"<p>Quarantined by run {escape(latest['run_id'])}:</p><ul id='renda-quarantine'>{quarantine}</ul>"
        if quarantine
        else f"<p id='renda-quarantine'>Run {escape(latest['run_id'])} quarantined no document.</p>"
    )
    counts = ", ".join(f"{v} {k}" for k, v in latest["counts"].items())
    issue_rows = "".join(
        f'<tr class="renda-{escape(str(i["severity"]))}"><td>{escape(str(i["severity"]))}</td>'
        f"<td>{escape(str(i['kind']))}</td><td>{escape(str(i['source_file'] or ''))}</td>"
        f"<td>{'' if i['source_line'] is None else i['source_line']}</td>"
        f"<td>{escape(str(i['detail']))}</td></tr>"
        for i in latest.get("issue_rows", [])
    )
    issues = (
        f"<h3>Issues of run {escape(latest['run_id'])}, where they are</h3>"
        '<table class="table table-sm table-bordered" id="renda-issues"><thead><tr>'
        "<th>Severity</th><th>Kind</th><th>Source file</th><th>Line</th><th>Detail</th>"
        f"</tr></thead><tbody>{issue_rows}</tbody></table>"
        if issue_rows
        else ""
    )
    return (
        f'<div id="{BLOCK_ID}" class="col-12 mb-4">'
        "<h2>renda data quality</h2>"
        f"<p>Latest run {escape(latest['run_id'])}: {escape(counts)}; {latest['issues']} issues "
        "(see the dq_issue table).</p>"
        f"{quarantined}{_runs_table(history)}{issues}</div>"
    )


def write_summary(site: Path, run: dict[str, Any], keep: int) -> None:
    """Add `run` to the site's history (newest first, at most `keep`) and render it into index.html.

    run: run_id, time, counts {name: n}, issues, quarantine {doc_id: reason}, suites [{suite,
    success, evaluated, failed [{expectation, severity, description, unexpected_count}], page}].
    """
    history_path = site / HISTORY
    history = [run, *(r for r in _load(history_path) if r.get("run_id") != run["run_id"])][:keep]
    history_path.write_text(json.dumps(history, ensure_ascii=False, indent=1), encoding="utf-8")
    index = site / "index.html"
    page = index.read_text(encoding="utf-8")
    block = _block(history)
    at = page.find(MARKER)
    if at < 0:  # another GX layout: put the summary first in the body
        at = page.find(">", page.find("<body")) + 1
    index.write_text(page[:at] + block + page[at:], encoding="utf-8")
