"""Time and measure a region's pack: 150 stored submissions, four documents each, streamed as one zip.

Run from the project root: `.venv/bin/python bench/region_pack.py [submissions]`. The four documents of
the demonstration plan are rendered once and their bytes stored under every submission, as the
service stores them (SubmissionDocument rows); a reconciliation workbook of every partnership comes
first. The zip goes to a byte counter. Targets: at most 2 s and 150 MB peak (ru_maxrss).
"""

import datetime
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from functools import partial

from plan_schema import funding_totals
from plan_schema.funding import Funding
from plan_schema.vocabulary import PartName
from service.demo.filled_plan import filled_plan
from service.documents.context import DocumentContext
from service.documents.reconciliation_workbook import ReconciliationRow, render_reconciliation_xlsx
from service.documents.region_index_workbook import render_region_index_xlsx
from service.oversight.region_pack import PackEntry, pack_path, safe_pack_path, stream_zip_of
from service.planning.exports import FILE_STEMS, FORMATS, render_parts
from service.tables.journey import Submission, SubmissionDocument

TARGET_SECONDS = 1.0
TARGET_MAXRSS_MB = 150
REGION = "West Midlands"
PLAN_YEAR = "2008/09"
ISSUED = datetime.date(2008, 4, 1)
SUBMITTED = datetime.datetime(2008, 3, 14, 16, 45, tzinfo=datetime.UTC)
SELF_AUDIT = b"%PDF-1.4 " + bytes(range(256)) * 400  # a self-audit of about 100 kB, much of it incompressible


def stored_submissions(count: int) -> list[tuple[str, Submission, list[SubmissionDocument]]]:
    """`count` partnerships' final submissions, each with the same four rendered documents."""
    plan = filled_plan(PLAN_YEAR)
    context = DocumentContext(
        partnership_name="Birmingham Drug Action Team",
        plan_year=PLAN_YEAR,
        previous_year="2007/08",
        indicative_years=("2009/10", "2010/11"),
        document_date=ISSUED,
    )
    rendered = render_parts(list(plan), plan, context)
    submissions = []
    for index in range(count):
        submission = Submission(
            id=index + 1,
            plan_id=index + 1,
            number=2,
            stage="final",
            submitted_at=SUBMITTED,
            submitted_by=1,
            due=datetime.date(2008, 3, 15),
            days_late=0,
            parts={},
            findings=[],
            content_sha256="0" * 64,
        )
        documents = [
            SubmissionDocument(
                submission_id=index + 1,
                part=str(document.part),
                filename=f"{FILE_STEMS[document.part]}.{FORMATS[document.part][0]}",
                media_type=document.media_type,
                content=document.content,  # the same bytes object for every submission
                sha256=document.sha256,
            )
            for document in rendered
        ]
        submissions.append((f"Partnership {index + 1:03d} Drug Action Team", submission, documents))
    return submissions


def rows_of(submissions: list[tuple[str, Submission, list[SubmissionDocument]]]) -> list[ReconciliationRow]:
    """The region's reconciliation rows, its figures worked out where Part 4's always are."""
    funding = filled_plan(PLAN_YEAR)[PartName.FUNDING]
    assert isinstance(funding, Funding)
    column = funding_totals.year_column(funding, PLAN_YEAR)
    assert column is not None
    return [
        ReconciliationRow(
            region=REGION,
            partnership=name,
            plan_year=PLAN_YEAR,
            status="submitted",
            submission=f"{submission.number} ({submission.stage})",
            submitted_on=submission.submitted_at.date(),
            days_late=submission.days_late,
            total_funding_1_14=funding_totals.table_1_total(column),
            expenditure_n15=funding_totals.grand_total(funding.table_2),
            errors=0,
            warnings=0,
            previous_total_1_14=funding_totals.table_1_total(funding.table_1[0]),
            source_totals=tuple(
                funding_totals.expenditure_source_total(funding.table_2, field)
                for field in funding_totals.SOURCE_FIELDS
            ),
        )
        for name, submission, _ in submissions
    ]


def reader(document: SubmissionDocument) -> Callable[[], bytes]:
    """As the API would read one stored document when its turn comes (here it is already loaded)."""
    return lambda: document.content


def pack(submissions: list[tuple[str, Submission, list[SubmissionDocument]]]) -> Iterator[PackEntry]:
    """The entries the API would stream: each submission's documents and self-audit, the index, the reconciliation."""
    for name, submission, documents in submissions:
        folder = pack_path(name, f"submission {submission.number} ({submission.stage})")
        for document in documents:
            yield PackEntry(f"{folder}/{pack_path(document.filename)}", submission.submitted_at, reader(document))
        yield PackEntry(f"{folder}/attachments/harm-reduction-self-audit/audit.pdf", SUBMITTED, lambda: SELF_AUDIT)
    rows = rows_of(submissions)
    folders = [safe_pack_path(pack_path(row.partnership, "submission 2 (final)")) for row in rows]
    index = partial(render_region_index_xlsx, rows, folders, title=f"{REGION}: index {PLAN_YEAR}", document_date=ISSUED)
    yield PackEntry(pack_path(f"{REGION} index {PLAN_YEAR}.xlsx"), SUBMITTED, index)
    title = f"{REGION}: funding reconciliation {PLAN_YEAR}"
    reconciliation = partial(render_reconciliation_xlsx, rows, title=title, document_date=ISSUED)
    yield PackEntry(pack_path(f"{REGION} reconciliation {PLAN_YEAR}.xlsx"), SUBMITTED, reconciliation)


def stream(submissions: list[tuple[str, Submission, list[SubmissionDocument]]]) -> tuple[int, int, float]:
    """Stream the pack to a counter: bytes, chunks, seconds."""
    size = chunks = 0
    started = time.perf_counter()
    for chunk in stream_zip_of(pack(submissions)):
        size += len(chunk)
        chunks += 1
    return size, chunks, time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    started = time.perf_counter()
    submissions = stored_submissions(count)
    stored = sum(len(document.content) for document in submissions[0][2]) * count
    print(f"rendered one set of four documents in {time.perf_counter() - started:.2f} s; {stored:,} bytes stored")

    size, chunks, seconds = stream(submissions)
    print(f"streamed {count} submissions ({count * 5 + 3} files): {size:,} bytes in {chunks:,} chunks, {seconds:.2f} s")

    tracemalloc.start()
    stream(submissions)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"tracemalloc peak while streaming: {peak / 1024 / 1024:.1f} MB")
    print(f"ru_maxrss (whole process, imports and rendering included): {maxrss_mb:.0f} MB")
    time_verdict = "within" if seconds <= TARGET_SECONDS else "OVER"
    memory_verdict = "within" if maxrss_mb <= TARGET_MAXRSS_MB else "OVER"
    print(f"{time_verdict} the {TARGET_SECONDS:.0f} s target; {memory_verdict} the {TARGET_MAXRSS_MB} MB target")


if __name__ == "__main__":
    main()
