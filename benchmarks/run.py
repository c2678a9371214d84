"""Benchmark readinglist at several library sizes and print one table (optionally JSON).

    uv run python benchmarks/run.py                       # 10k, 100k and 1M papers
    uv run python benchmarks/run.py --sizes 10000 --json benchmarks/results-10k.json
    uv run python benchmarks/run.py --shared --sizes 100000 --json benchmarks/results.json

Libraries are generated once (deterministically, see synthetic.py) into benchmarks/.data/
and reused. Each size is measured in its own process in the real main window, offscreen.
With --shared, each size is measured instead through the library API on SQLite and on a
PostgreSQL server side by side (see shared.py; the server from --server or
$READINGLIST_TEST_POSTGRES).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TARGETS = {  # (100k target, 1M target) from the performance issue
    "keystroke p95 ms": (25, 50),
    "cold start s": (0.6, 0.8),
    "sort ms (slowest column)": (100, 600),
    "select -> abstract ms": (16, 16),
    "change 1,000 + undo ms (slowest)": (100, 100),
    "import papers/s": (10_000, 10_000),
    "export 10,000 BibTeX s": (2, 2),
    "peak RSS MB": (200, 300),
    "CLI list --json vs 1k papers": ("3x", "3x"),
}


def measure(size: int, data_dir: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), str(size), str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"measuring {size} papers failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def rows(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(operation, readinglist, plain baseline) lines for one size."""
    baseline = figures["keystroke_baseline"]
    typing = (
        f"{baseline['p50_ms']:.1f} / {baseline['p95_ms']:.1f} (FTS5 title prefix, 2,000, rapidfuzz)"
    )
    lines = [
        (
            "import 10,000 more papers, papers/s",
            f"{figures['import_per_second']:,}",
            f"{figures['import_baseline_per_second']:,} (bulk insert + FTS5 rebuild, new table)",
        )
    ]
    for kind, value in figures["keystroke"].items():
        lines.append(
            (
                f"keystroke p50 / p95 ms: {kind}",
                f"{value['p50_ms']:.1f} / {value['p95_ms']:.1f}",
                typing,
            )
        )
    cold = figures["cold_start"]
    lines.append(
        (
            "cold start s",
            f"{cold['app_s']:.2f}",
            f"{cold['bare_window_s']:.2f} (bare window, lazy ids)",
        )
    )
    whole = figures.get("sort_whole_list_ms", {})
    for column, value in figures["sort_ms"].items():
        rest = f" ({whole[column]:.0f} whole list)" if column in whole else ""
        lines.append(
            (
                f"sort ms: {column}",
                f"{value:.0f}{rest}",
                f"{figures['sort_baseline_ms']:.0f} (all ids by title index)",
            )
        )
    cli = figures.get("cli_list_json_s")
    if cli:
        lines.append(
            (
                "CLI list --json (few results) s",
                f"{cli['this_size']:.2f} ({cli['this_size'] / cli['1000_papers']:.1f}x 1k)",
                f"{cli['1000_papers']:.2f} (same on 1,000 papers)",
            )
        )
    select = figures["select"]
    for kind, label in (("next", "next row"), ("jump", "200 rows on")):
        lines.append(
            (
                f"select -> abstract ms p50 / p95: {label}",
                f"{select[kind + '_p50_ms']:.1f} / {select[kind + '_p95_ms']:.1f}",
                f"{figures['select_baseline_ms']:.2f} (one-row fetch)",
            )
        )
    for name, value in figures["change_1000_ms"].items():
        lines.append((f"{name.replace('_', ' ')} 1,000 papers ms", f"{value:.0f}", ""))
    lines += [
        ("export 10,000 BibTeX s", f"{figures['export_10000_bibtex']['seconds']:.2f}", ""),
        ("peak RSS MB", f"{figures['peak_rss_mb']}", ""),
        ("library on disk MB", f"{figures['disk_mb']}", ""),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="default: 10000,100000,1000000 (--shared: 100000)")
    parser.add_argument("--data-dir", type=Path, default=HERE / ".data")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--shared", action="store_true",
                        help="compare a library file with the same library on PostgreSQL")
    parser.add_argument("--server", help="the PostgreSQL URL for --shared")
    args = parser.parse_args()
    if args.shared:
        shared = [sys.executable, str(HERE / "shared.py"), "--sizes", args.sizes or "100000",
                  "--data-dir", str(args.data_dir)]
        shared += ["--json", str(args.json)] if args.json else []
        shared += ["--server", args.server] if args.server else []
        raise SystemExit(subprocess.call(shared))
    if args.server:
        parser.error("--server goes with --shared")
    sizes = [int(size) for size in (args.sizes or "10000,100000,1000000").split(",")]
    results = {}
    for size in sizes:
        print(f"measuring {size:,} papers...", file=sys.stderr, flush=True)
        results[str(size)] = measure(size, args.data_dir)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"readinglist benchmark ({machine})\n")
    header = (
        "| operation | " + " | ".join(f"{int(s):,} papers" for s in sizes) + " | plain baseline |"
    )
    print(header)
    print("|" + "---|" * (len(sizes) + 2))
    table = [rows(results[str(size)]) for size in sizes]
    for index, (name, _value, baseline) in enumerate(table[0]):
        values = " | ".join(column[index][1] for column in table)
        print(f"| {name} | {values} | {table[-1][index][2] or baseline} |")
    if args.json:
        try:  # the file's other keys (such as shared.py's) stay
            kept = json.loads(args.json.read_text())
        except (OSError, ValueError):
            kept = {}
        figures = kept if isinstance(kept, dict) else {}
        figures.update(machine=machine, results=results)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
