"""Export (and print preparation): records to ONE print-ready PDF, an index sheet first, plus a CSV
manifest. A core generator yields progress; the GUI drives it off the UI thread and may cancel.

    job = ExportService(ctx).export_range(admin, "2026-11-01", "2026-11-30", Path("nov.pdf"),
                                          manifest=Path("nov.csv"))
    for done, total in job.run():      # Progress(done, total)
        ...                            # job.cancel() from anywhere stops it at the next record
    job.result                         # ExportResult, or None when cancelled

Guarantees: nothing partial is left behind. Everything is written to hidden temporary files in the
target folders and renamed at the end; on cancel, error or ``close()`` of the generator the
temporaries are removed. Memory stays flat: one record's PDF at a time is read from the database and
its pages' objects are written straight into the output file (:mod:`app.documents.merge`); the
index sheet's pages, written last, are put first in the page tree.

Integrity per record (index sheet and manifest): ``check="full"`` (the default) checks every
record's seal cryptographically with the same rules as ``verify`` (seal signature over the whole
file, trust in the institution's certificates, attached record, stored hash) through
:class:`app.documents.seal_verifier.SealVerifier`: a quick proof on the document the merge already
opened (the certificate path is validated once, not per record); a record it cannot prove valid
goes through the full ``verify_pdf`` (in worker processes when many do), so an invalid record is
listed with exactly the reason ``verify`` gives. ``check="archive"`` compares the PDF with the
archive's own hashes (PDF bytes = the stored PDF hash, sealed record id and hash = the stored ones,
one seal covering the whole file), which trusts the database.

Role: exporting is for administrators (``archive.export``); a print bundle needs ``record.print``.
Audited with counts only.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import os
import tempfile
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence

from sqlalchemy import insert, select

from app.domain.arabic_count import RECORD, count_noun
from app.domain.clock import utc_iso
from app.domain.csv_safety import safe_row
from app.domain.errors import InvalidInput, NotFound
from app.domain.roles import Actor, require
from app.storage import repositories as repo
from app.storage.archive_sql import sealed_fields, status_expression
from app.storage.models import Record, RecordEvent

from .archive import check_pdf, local_day_bounds, parse_range

log = logging.getLogger(__name__)

CHECKS = ("full", "archive")
PARALLEL_MIN = 150  # records; below this, worker start-up costs more than it saves
FALLBACKS_FOR_POOL = 8  # records the quick proof did not settle before full validation goes to workers
READ_BATCH = 25
MANIFEST_COLUMNS = ("record_id", "patient", "mrn", "procedure", "signed_at", "sha256", "verification",
                    "kind", "status", "refers_to", "changed_by")


class Progress(NamedTuple):
    done: int
    total: int


@dataclass(frozen=True)
class ExportResult:
    records: int
    pages: int
    valid: int
    invalid: int
    pdf_path: Path
    manifest_path: Path | None
    seconds: float


@dataclass
class _Item:
    record_id: str
    kind: str
    status: str
    signed_at: dt.datetime
    record_sha256: str
    pdf_sha256: str
    mrn: str
    name_ar: str
    procedure: str
    refers_to: str | None
    changed_by: str = ""
    pages: int = 0
    valid: bool = False
    reason: str = ""
    demo: bool = False
    stored_matches: bool = True  # the stored record_json hashes to the stored (sealed) hash


# --------------------------------------------------------------------------- worker processes
_TRUSTED: list[bytes] = []  # the trust file's anchors (DER), in each worker


def _pool_init(trusted: list[bytes]) -> None:
    global _TRUSTED
    _TRUSTED = trusted


def _pool_verify(pdf: bytes, stored_sha: str, record_id: str, demo: bool = False) -> tuple[bool, str, str]:
    from app.documents.pdf_verify import verify_pdf

    return check_pdf(lambda data, trusted, expected_sha256: verify_pdf(data, trusted, expected_sha256, demo=demo),
                     pdf, _TRUSTED, stored_sha, record_id)


def _workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


# --------------------------------------------------------------------------- the job
class ExportJob:
    """One export or print bundle; run() is the generator. Not reusable."""

    def __init__(self, ctx, *, actor: Actor, items: list[_Item], out_pdf: Path, manifest: Path | None,
                 check: str, purpose: str, period: str, range_details: dict) -> None:
        self.ctx = ctx
        self.actor = actor
        self.items = items
        self.out_pdf = out_pdf
        self.manifest = manifest
        self.check = check
        self.purpose = purpose
        self.period = period
        self.range_details = range_details
        self.result: ExportResult | None = None
        self.cancelled = False
        self._cancel = threading.Event()
        self._started = False

    @property
    def total(self) -> int:
        return len(self.items) + 1  # + assembling the bundle

    def cancel(self) -> None:
        """Stop at the next record (thread-safe); the generator then removes its files and ends."""
        self._cancel.set()

    def run(self) -> Iterator[Progress]:
        if self._started:
            raise RuntimeError("an export job runs once")
        self._started = True
        return self._run()

    # ------------------------------------------------------------------ the work
    def _run(self) -> Iterator[Progress]:
        from app.documents.merge import StreamingMerger

        started = time.monotonic()
        temps: list[Path] = []
        finals: list[Path] = []
        pool: ProcessPoolExecutor | None = None
        merger = StreamingMerger(self.out_pdf.parent, prefix=f".{self.out_pdf.name}")
        done = 0
        try:
            trust = self.ctx.seal.trust()
            trusted = [c.dump() for c in trust.certificates]
            verifier = demo_verifier = None
            if self.check == "full":
                from app.documents.seal_verifier import SealVerifier

                # a demonstration record may carry the demonstration seal; a real one never
                verifier, demo_verifier = SealVerifier(trust), SealVerifier(trust, demo=True)
            n = len(self.items)
            yield Progress(0, self.total)
            pending: list[tuple[_Item, Future]] = []
            max_pending = _workers() * 6
            fallbacks = 0
            for start in range(0, n, READ_BATCH):
                batch = self.items[start:start + READ_BATCH]
                with self.ctx.db.transaction(read_only=True) as s:
                    pdfs = dict(s.execute(select(Record.record_id, Record.pdf)
                                          .where(Record.record_id.in_([i.record_id for i in batch]))).all())
                    for rid, tails in repo.records.extensions(s, list(pdfs)).items():  # DSS, timestamps
                        pdfs[rid] = bytes(pdfs[rid]) + b"".join(tails)
                for item in batch:
                    if self._cancel.is_set():
                        self.cancelled = True
                        return
                    pdf = bytes(pdfs.pop(item.record_id))
                    facts: dict = {}

                    def inspect(doc, pdf=pdf, item=item, facts=facts):
                        facts.update(_facts(doc, pdf))
                        if verifier is not None:  # the quick proof on the document the merge opened
                            chosen = demo_verifier if item.demo else verifier
                            facts["quick"] = chosen.quick(pdf, item.record_sha256, doc=doc)

                    try:
                        item.pages = merger.add(pdf, inspect=inspect)
                    except Exception:  # pikepdf cannot read it: listed as unreadable, no pages
                        item.pages, facts = 0, {"unreadable": True}
                    if self.check == "archive" or facts.get("unreadable"):
                        item.valid, item.reason = _archive_check(item, pdf, facts)
                        done += 1
                    elif facts.get("quick") is not None:
                        item.valid, item.reason = _verdict(facts["quick"], item.record_id)
                        done += 1
                    else:  # not proven valid quickly: the full validation gives the exact reason
                        fallbacks += 1
                        if pool is None and fallbacks >= FALLBACKS_FOR_POOL and n - start >= PARALLEL_MIN \
                                and _workers() > 1:
                            import multiprocessing

                            pool = ProcessPoolExecutor(_workers(), mp_context=multiprocessing.get_context("spawn"),
                                                       initializer=_pool_init, initargs=(trusted,))
                        if pool is not None:
                            pending.append((item, pool.submit(_pool_verify, pdf, item.record_sha256,
                                                              item.record_id, item.demo)))
                        else:
                            chosen = demo_verifier if item.demo else verifier
                            item.valid, item.reason, _ = check_pdf(
                                lambda data, _trusted, expected_sha256: chosen.full_check(data, expected_sha256),
                                pdf, trusted, item.record_sha256, item.record_id)
                            done += 1
                    del pdf
                    while len(pending) > max_pending or (pending and pending[0][1].done()):
                        it, fut = pending.pop(0)
                        it.valid, it.reason, _ = fut.result()
                        done += 1
                    yield Progress(done, self.total)
            while pending:
                if self._cancel.is_set():
                    self.cancelled = True
                    return
                it, fut = pending.pop(0)
                it.valid, it.reason, _ = fut.result()
                done += 1
                yield Progress(done, self.total)
            if pool is not None:
                pool.shutdown(wait=True)
                pool = None
            if verifier is not None:
                log.debug("export integrity: %d by the quick proof, %d by full validation", verifier.fast,
                          verifier.full)
            if self._cancel.is_set():
                self.cancelled = True
                return
            for item in self.items:  # an edit of the stored record beside its seal is never VALID
                if not item.stored_matches:
                    item.valid, item.reason = False, "stored_record_mismatch"
            index = self._index()
            pdf_tmp = _temp_in(self.out_pdf)
            temps.append(pdf_tmp)
            merger.finish(pdf_tmp, index, title=_TITLES[self.purpose])
            manifest_tmp = None
            if self.manifest is not None:
                manifest_tmp = _temp_in(self.manifest)
                temps.append(manifest_tmp)
                self._write_manifest(manifest_tmp)
            if self._cancel.is_set():
                self.cancelled = True
                return
            valid = sum(1 for i in self.items if i.valid)
            result = ExportResult(records=n, pages=merger.pages + _pages(index), valid=valid,
                                  invalid=n - valid, pdf_path=self.out_pdf, manifest_path=self.manifest,
                                  seconds=round(time.monotonic() - started, 2))
            self._audit_done(result)  # audited before the files appear: no unaudited export
            if manifest_tmp is not None:
                os.replace(manifest_tmp, self.manifest)
                finals.append(self.manifest)
            os.replace(pdf_tmp, self.out_pdf)
            finals = []  # both in place: nothing to undo
            self.result = result
            yield Progress(self.total, self.total)
        except GeneratorExit:  # the caller closed the generator: a cancel
            self.cancelled = self.result is None
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            merger.close()
            for path in temps + finals:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
            if self.cancelled:
                self._audit_cancelled(done)

    def _index(self) -> bytes:
        from app.documents.index_sheet import IndexHeader, IndexRow, expected_pages, render_index_sheet

        settings = self.ctx.settings()
        tz = settings.time_zone
        valid = sum(1 for i in self.items if i.valid)
        header = IndexHeader(
            institution=settings.institution_name_ar or settings.institution_name_en or "",
            title=_TITLES[self.purpose], period=self.period, generated=utc_iso(self.ctx.clock.now()),
            summary=f"{count_noun(len(self.items), RECORD)} · {valid} سليم · {len(self.items) - valid} غير سليم")

        def rows(offset: int) -> list:
            out, page = [], offset + 1
            for i in self.items:
                local = i.signed_at.astimezone(_zone(tz)).date().isoformat()
                out.append(IndexRow(i.record_id, i.name_ar, i.mrn, local, i.status, i.valid, i.reason,
                                    page if i.pages else None))
                page += i.pages
            return out

        # The records' page numbers follow the index sheet's own pages. Render once with the expected
        # number of index pages; only when the guess was wrong (long names wrap) render again with
        # the real number (page numbers do not change row heights, so that settles it).
        pages = expected_pages(len(self.items))
        for _ in range(4):
            sheet = render_index_sheet(header, rows(pages))
            got = _pages(sheet)
            if got == pages:
                return sheet
            pages = got
        return sheet

    def _write_manifest(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(MANIFEST_COLUMNS)
            for i in self.items:
                verdict = "VALID" if i.valid else f"INVALID: {i.reason}"
                writer.writerow(safe_row((i.record_id, i.name_ar, i.mrn, i.procedure, utc_iso(i.signed_at),
                                          i.record_sha256, verdict, i.kind, i.status, i.refers_to or "",
                                          i.changed_by)))
            fh.flush()
            os.fsync(fh.fileno())

    def _audit_done(self, r: ExportResult) -> None:
        now = self.ctx.clock.now()
        with self.ctx.db.transaction() as s:
            if self.purpose == "export":  # one "exported" event per record, inserted in one statement
                s.execute(insert(RecordEvent), [
                    {"record_id": i.record_id, "kind": "exported", "at": now, "by_user_id": self.actor.user_id,
                     "details_json": None} for i in self.items])
            self.ctx.audit.append(s, self.actor.username, f"archive.{_ACTIONS[self.purpose]}",
                                  details={"records": r.records, "pages": r.pages, "valid": r.valid,
                                           "invalid": r.invalid, "check": self.check,
                                           "manifest": r.manifest_path is not None, **self.range_details}, at=now)

    def _audit_cancelled(self, done: int) -> None:
        try:
            with self.ctx.db.transaction() as s:
                self.ctx.audit.append(s, self.actor.username, f"archive.{_ACTIONS[self.purpose]}_cancelled",
                                      details={"records": len(self.items), "done": done})
        except Exception:  # never mask the cancel itself
            log.warning("could not audit a cancelled %s", self.purpose)


_TITLES = {"export": "تصدير سجلات الموافقة", "print": "طباعة سجلات الموافقة"}
_ACTIONS = {"export": "exported", "print": "print_prepared"}


def _zone(tz: str):
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)


def _pages(pdf: bytes) -> int:
    from app.documents.merge import page_count

    return page_count(pdf)


def _facts(doc, pdf: bytes) -> dict:
    from app.documents.merge import seal_facts

    return seal_facts(doc, len(pdf))


def _verdict(result, record_id: str) -> tuple[bool, str]:
    """(valid, reason) of a verification result for the record it was stored as (see check_pdf)."""
    if result.valid and result.record_id != record_id:
        return False, "record_id_mismatch"
    return result.valid, result.reason


def _archive_check(item: _Item, pdf: bytes, facts: dict) -> tuple[bool, str]:
    if facts.get("unreadable"):
        return False, "pdf_unreadable"
    if hashlib.sha256(pdf).hexdigest() != item.pdf_sha256:
        return False, "pdf_hash_mismatch"
    if facts.get("signatures") != 1:
        return False, "no_seal" if not facts.get("signatures") else "multiple_seals"
    if not facts.get("covers_file"):
        return False, "not_entire_file"
    if facts.get("record_id") != item.record_id:
        return False, "record_id_mismatch"
    if (facts.get("record_sha256") or "").lower() != item.record_sha256:
        return False, "stored_hash_mismatch"
    return True, "ok"


def _temp_in(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    return Path(name)


def _check_target(path: Path, what: str, suffix: str) -> Path:
    path = Path(path)
    if path.is_dir():
        raise InvalidInput("out_is_folder", f"{what}: {path} is a folder")
    if not path.parent.is_dir():
        raise InvalidInput("out_folder_missing", f"{what}: the folder {path.parent} does not exist")
    if path.suffix.lower() != suffix:
        raise InvalidInput("out_suffix", f"{what}: the file name must end in {suffix}")
    if not os.access(path.parent, os.W_OK):
        raise InvalidInput("file_unwritable", f"{what}: cannot write in {path.parent}")
    return path


# --------------------------------------------------------------------------- the service
class ExportService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def export_range(self, actor: Actor, date_from, date_to, out_pdf: Path, manifest: Path | None = None, *,
                     check: str = "full", include_demo: bool = True) -> ExportJob:
        """Every record signed on the local days ``date_from``..``date_to`` (both required)."""
        require(actor, "archive.export")
        return self._range_job(actor, date_from, date_to, out_pdf, manifest, check, include_demo)

    def print_bundle(self, actor: Actor, out_pdf: Path, *, record_ids: Sequence[str] | None = None,
                     date_from=None, date_to=None, check: str = "full") -> ExportJob:
        """One record, a selection or a date range as one PDF to print (index sheet first). Sending
        it to a printer is the desk's job; it then calls ``ArchiveService.printed``."""
        require(actor, "record.print")
        out_pdf = _check_target(out_pdf, "print file", ".pdf")
        if check not in CHECKS:
            raise InvalidInput("check_invalid", f"check: one of {', '.join(CHECKS)}")
        if record_ids is not None:
            if not record_ids:
                raise InvalidInput("selection_empty", "choose at least one record")
            items = self._items(record_ids=list(dict.fromkeys(record_ids)))
            return ExportJob(self.ctx, actor=actor, items=items, out_pdf=out_pdf, manifest=None, check=check,
                             purpose="print", period=f"{len(items)} سجل مختار", range_details={"selection": True})
        start, end = parse_range(date_from, date_to)
        if start is None or end is None:
            raise InvalidInput("date_range_required", "give the records or both dates")
        items = self._items(start=start, end=end)
        return ExportJob(self.ctx, actor=actor, items=items, out_pdf=out_pdf, manifest=None, check=check,
                         purpose="print", period=_period(start, end),
                         range_details={"from": start.isoformat(), "to": end.isoformat()})

    def _range_job(self, actor, date_from, date_to, out_pdf, manifest, check, include_demo) -> ExportJob:
        if check not in CHECKS:
            raise InvalidInput("check_invalid", f"check: one of {', '.join(CHECKS)}")
        if date_from in (None, "") or date_to in (None, ""):
            raise InvalidInput("date_range_required", "export: give --from and --to")
        start, end = parse_range(date_from, date_to)
        out_pdf = _check_target(out_pdf, "--out", ".pdf")
        if manifest is not None:
            manifest = _check_target(manifest, "--manifest", ".csv")
            if Path(manifest).resolve() == Path(out_pdf).resolve():
                raise InvalidInput("out_same_file", "--manifest and --out must differ")
        items = self._items(start=start, end=end, include_demo=include_demo)
        return ExportJob(self.ctx, actor=actor, items=items, out_pdf=out_pdf, manifest=manifest, check=check,
                         purpose="export", period=_period(start, end),
                         range_details={"from": start.isoformat(), "to": end.isoformat()})

    def _items(self, *, start=None, end=None, record_ids: list[str] | None = None,
               include_demo: bool = True) -> list[_Item]:
        settings = self.ctx.settings()
        cutoff = self.ctx.clock.now() - dt.timedelta(days=settings.consent_validity_days)
        # Name, MRN and procedure come from the sealed record (record_json, checked below against the
        # stored hash, which the seal check compares with the PDF), never from the patients table.
        stmt = select(Record.record_id, Record.kind, Record.signed_at, Record.record_sha256, Record.pdf_sha256,
                      Record.refers_to, Record.record_json, Record.is_demo, status_expression(cutoff).label("status"))
        if record_ids is not None:
            stmt = stmt.where(Record.record_id.in_(record_ids))
        else:
            lo, hi = local_day_bounds(start, end, settings.time_zone)
            stmt = stmt.where(Record.signed_at >= lo, Record.signed_at < hi)
        if not include_demo:
            stmt = stmt.where(Record.is_demo.is_(False))
        stmt = stmt.order_by(Record.signed_at, Record.record_id)
        with self.ctx.db.transaction(read_only=True) as s:
            rows = s.execute(stmt).all()
            changed: dict[str, str] = {}
            ids = [r.record_id for r in rows]
            for k in range(0, len(ids), 500):
                later = s.execute(select(Record.refers_to, Record.record_id, Record.kind)
                                  .where(Record.refers_to.in_(ids[k:k + 500]),
                                         Record.kind.in_(("correction", "withdrawal")))
                                  .order_by(Record.signed_at)).all()
                for ref, rid, kind in later:
                    if kind == "correction" or ref not in changed:
                        changed[ref] = rid
        if record_ids is not None and len(rows) != len(record_ids):
            raise NotFound("record_missing", f"{len(record_ids) - len(rows)} of the chosen records do not exist")
        items = []
        for r in rows:
            mrn, name_ar, _, _, procedure = sealed_fields(r.record_json, False)
            item = _Item(r.record_id, r.kind, r.status, r.signed_at, r.record_sha256, r.pdf_sha256, mrn, name_ar,
                         procedure, r.refers_to, changed.get(r.record_id, ""), demo=bool(r.is_demo))
            item.stored_matches = hashlib.sha256(r.record_json.encode("utf-8")).hexdigest() == r.record_sha256
            items.append(item)
        return items


def _period(start: dt.date, end: dt.date) -> str:
    return f"من {start.isoformat()} إلى {end.isoformat()}"


def run_to_end(job: ExportJob, on_progress=None) -> ExportResult | None:
    """Drive a job to its end (the command line); ``on_progress(done, total)`` after each step."""
    for done, total in job.run():
        if on_progress is not None:
            on_progress(done, total)
    return job.result
