"""Run Lighthouse 12 (node_modules, pinned in package.json) on one URL with one preset.

In: a URL and a preset. Out: `LighthouseResult` with the four category scores and the
audits that cost points. Runs Debian's Chromium headless through CHROME_PATH; writes only
its JSON report into a temporary directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.audit.errors import AuditError

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Mobile is Lighthouse's default configuration (Moto G Power, slow 4G, 4x CPU slowdown).
PRESETS = ("mobile", "desktop")
# A cold Chromium on a busy 2-core machine can take this long for one page (seconds).
TIMEOUT = 180


@dataclass(frozen=True, slots=True, kw_only=True)
class LighthouseResult:
    scores: dict[str, float]
    """Category id -> score in [0, 1]."""
    losses: tuple[str, ...]
    """'category/audit-id (score)' for every weighted audit scoring below 1."""
    benchmark_index: int
    """Lighthouse's measure of the machine's CPU speed during the run: a low value means the
    machine was busy and the performance score is pessimistic."""


def _command(url: str, preset: str, report: Path) -> list[str]:
    # --no-enable-error-reporting: never send crash reports anywhere (no network at run time).
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--no-enable-error-reporting",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    return command


def _losses(report: dict) -> tuple[str, ...]:
    losses = []
    for category_id, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or f"{audit['score']:.2f}"
                losses.append(f"{category_id}/{ref['id']} ({shown})")
    return tuple(losses)


def run_lighthouse(url: str, preset: str, keep: Path | None = None) -> LighthouseResult:
    """Score `url` with `preset` ('mobile' or 'desktop'); copy the JSON report to `keep`."""
    if preset not in PRESETS:
        raise AuditError(f"unknown Lighthouse preset {preset!r} (use one of {', '.join(PRESETS)})")
    if not LIGHTHOUSE.exists():
        raise AuditError(f"{LIGHTHOUSE} missing; run `npm ci` at the repository root")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report_path = Path(folder) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROME_PATH}
        try:
            result = subprocess.run(
                _command(url, preset, report_path),
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        except OSError as error:  # no node on PATH, or the script is not executable
            raise AuditError(f"cannot run {LIGHTHOUSE}: {error}") from None
        if result.returncode != 0 or not report_path.exists():
            raise AuditError(f"lighthouse {url} ({preset}) failed: {result.stderr.strip()[-800:]}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(report_path, keep)
    if report.get("runtimeError"):
        raise AuditError(f"lighthouse {url} ({preset}): {report['runtimeError']['message']}")
    # A category Lighthouse could not compute has score null: count it as a failure.
    scores = {key: report["categories"][key]["score"] or 0.0 for key in CATEGORIES}
    return LighthouseResult(
        scores=scores,
        losses=_losses(report),
        benchmark_index=round(report["environment"]["benchmarkIndex"]),
    )


def median_run(url: str, preset: str, runs: int, keep: Path | None = None) -> LighthouseResult:
    """The run with the median performance score out of `runs` (Lighthouse's own advice for
    variable machines: a shared 2-core box swings one mobile run by several points)."""

    def kept(run: int) -> Path | None:
        return keep.with_name(f"{keep.stem}-{run}.json") if keep else None

    results = sorted(
        (run_lighthouse(url, preset, kept(run)) for run in range(1, runs + 1)),
        key=lambda r: r.scores["performance"],
    )
    return results[len(results) // 2]
