"""Finding records: by any word of a name (Arabic spelling variants fold), MRN or national ID."""
from __future__ import annotations

import datetime as dt
import json

from app.domain.clock import utc_iso
from app.domain.errors import InvalidInput
from app.domain.patient import parse_date
from app.domain.roles import Actor, require
from app.domain.text import clean_text, fold_for_search
from app.storage import repositories as repo


class ArchiveService:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    def search(self, actor: Actor, query: str, date_from: str | None = None, date_to: str | None = None,
               limit: int = 200) -> list[dict]:
        require(actor, "archive.search")
        return self._search(actor.username, query, date_from, date_to, limit)

    def search_as_operator(self, query: str, date_from: str | None, date_to: str | None) -> list[tuple[str, ...]]:
        rows = self._search("cli", query, date_from, date_to, 1000)
        return [(r["record_id"], r["kind"], r["signed_at"], r["mrn"], r["name_ar"], r["procedure"]) for r in rows]

    def _search(self, actor_name: str, query: str, date_from, date_to, limit: int) -> list[dict]:
        query = clean_text(query, "query", max_len=120)
        words = fold_for_search(query).split()
        if not words:
            raise InvalidInput("query_empty", "query: give a name, MRN or national ID")
        start = parse_date(date_from, "--from", required=False)
        end = parse_date(date_to, "--to", required=False)
        if start and end and end < start:
            raise InvalidInput("date_range_invalid", "--to is before --from")
        out = []
        with self.ctx.db.transaction() as s:
            for patient in repo.patients.search(s, words, limit=limit):
                for rec in repo.records.list_for_patient(s, patient.id):
                    day = rec.signed_at.date()
                    if (start and day < start) or (end and day > end):
                        continue
                    data = json.loads(rec.record_json)
                    out.append({"record_id": rec.record_id, "kind": rec.kind, "signed_at": utc_iso(rec.signed_at),
                                "mrn": patient.mrn, "name_ar": patient.name_ar,
                                "procedure": data.get("procedure", {}).get("name", ""), "demo": rec.is_demo})
            # The query itself may be a patient's name: the audit keeps only its size.
            self.ctx.audit.append(s, actor_name, "archive.searched", details={"words": len(words), "results": len(out)})
        out.sort(key=lambda r: r["signed_at"], reverse=True)
        return out[:limit]
