"""Time the documents of a large plan: Parts 1 to 3 in Word, Part 4 in Excel.

Run from the project root: `.venv/bin/python bench/render_documents.py [runs]`. The plan is the one
bench/validate_plan.py builds (4 grids x 12 objectives x 6 actions, Part 1 of about 3,000 words).
Target: each document in at most 50 ms (median). Wall-clock time counts whatever else the machine
runs; CPU time (`time.process_time`) is printed beside it, since on a shared machine it is the
steadier figure of the two.
"""

import datetime
import statistics
import sys
import time
from collections.abc import Callable

# The large plan of the validation benchmark, from the script beside this one.
from validate_plan import funding, planning_grids, strategic_summary, targets

from service.documents.context import DocumentContext
from service.documents.funding_workbook import render_funding_xlsx
from service.documents.word import render_planning_grids_docx, render_strategic_summary_docx, render_targets_docx

TARGET_SECONDS = 0.05  # each document, median wall-clock time


def main() -> None:
    """Render each document many times; print the median of each and of all four together."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    summary, goals, grids, money = strategic_summary(), targets(), planning_grids(), funding()
    context = DocumentContext(
        partnership_name="Birmingham Drug Action Team",
        plan_year="2008/09",
        previous_year="2007/08",
        indicative_years=("2009/10", "2010/11"),
        document_date=datetime.date(2008, 1, 14),
        targets_as_numbers={"1.1": 1607, "1.2": 1599},
    )
    renderers: dict[str, Callable[[], bytes]] = {
        "part-1.docx": lambda: render_strategic_summary_docx(summary, context),
        "part-2.docx": lambda: render_targets_docx(goals, context),
        "part-3.docx": lambda: render_planning_grids_docx(grids, summary, context),
        "part-4.xlsx": lambda: render_funding_xlsx(money, context),
    }
    sizes = {name: len(render()) for name, render in renderers.items()}  # warm-up: templates, caches
    timings: dict[str, list[float]] = {name: [] for name in renderers}
    cpu: dict[str, list[float]] = {name: [] for name in renderers}
    together: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        for name, render in renderers.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            render()
            timings[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
        together.append(time.perf_counter() - started)
    for name, values in timings.items():
        median = statistics.median(values)
        verdict = "within" if median <= TARGET_SECONDS else "OVER"
        print(
            f"{name}: median {median * 1000:.1f} ms, CPU {statistics.median(cpu[name]) * 1000:.1f} ms "
            f"({sizes[name]:,} bytes); {verdict} the {TARGET_SECONDS * 1000:.0f} ms target"
        )
    print(
        f"all four: median {statistics.median(together) * 1000:.1f} ms over {runs} runs "
        f"(min {min(together) * 1000:.1f}, max {max(together) * 1000:.1f})"
    )


if __name__ == "__main__":
    main()
