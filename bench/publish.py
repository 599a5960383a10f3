"""Time building a publication (statistics, disclosure control with its linear programs, the
record-level file, the summary) for every force and collaboration of a database, and print the
figures. Nothing is saved.

    .venv/bin/python bench/publish.py [--db PATH] [--period 2026/27-Q2] [--threshold 5] [--runs 3]

Without --db it uses the database of `make run` (var/uof.sqlite3).
"""
from __future__ import annotations

import argparse
import os
import statistics as st
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "uof.sqlite3")
    parser.add_argument("--period", default=None, help="default: the last full quarter")
    parser.add_argument("--threshold", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uof.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import timezone

    from uof.demo.management.commands.demo_data import last_full_quarter
    from uof.organisations.models import Collaboration, Force
    from uof.publish import services
    from uof.publish.disclosure import Rule
    from uof.stats import store as stores
    from uof.stats.periods import parse_period

    if args.period:
        period = parse_period(args.period)
    else:
        start, _ = last_full_quarter(timezone.localdate())
        first = start.year if start.month >= 4 else start.year - 1
        period = parse_period(f"{first}/{(first + 1) % 100:02d}-Q{((start.month - 4) % 12) // 3 + 1}")
    stores.current()  # the analytical copy is built once, as on a running server
    scopes = [services.scope_for("force", f.slug) for f in Force.objects.order_by("name")]
    scopes += [services.scope_for("collaboration", c.slug) for c in Collaboration.objects.order_by("name")]
    print(f"period {period.label}, threshold {args.threshold}, median of {args.runs} runs")
    print(f"{'scope':<55} {'reports':>8} {'cells':>6} {'withheld':>8} {'file rows':>9} {'seconds':>8}")
    for scope in scopes:
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            snapshot = services.preview(scope, period, Rule(threshold=args.threshold))
            times.append(time.perf_counter() - t0)
        c = snapshot.content
        print(f"{scope.name[:55]:<55} {c['tables'][0]['rows'][0][2] or 0:>8,} {len(snapshot.true_cells):>6} "
              f"{c['withheld_cells']:>8} {c['records']['rows']:>9,} {st.median(times):>8.2f}")


if __name__ == "__main__":
    main()
