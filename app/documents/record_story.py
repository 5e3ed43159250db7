"""The story builder of the record PDF: record dict + Form -> list of flowables (right to left).

Tables are written in reading order (first column = rightmost) and flipped by :func:`rtl_table`.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app.domain.arabic_count import DAY, WEEK, count_noun
from app.domain.form import Form
from app.domain.form_text import patient_form, values_from_record

from . import pdf_labels as L
from .dates import format_date, format_datetime, local_date, parse_date
from .fonts import REGULAR
from .pdf_styles import BLOCK_BG, GRID, HEADER_BG, MISSING_BG, OK_BG, stylesheet
from .qr import qr_flowable
from .rtl_flowable import RTLParagraph
from .signature_drawing import SignatureFlowable, ThumbprintBox
from .spine_figure import spine_drawing

DASH = "—"


def in_100(figure: str) -> str:
    """A complication figure as the forms write it: "1-3%" -> "من 1 إلى 3 من كل 100 مريض"."""
    import re

    text = str(figure).strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*%", text)
    if m:
        return f"من {m.group(1)} إلى {m.group(2)} من كل 100 مريض"
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", text)
    if m:
        return f"نحو {m.group(1)} من كل 100 مريض"
    return text


def rtl_table(rows, widths, style_cmds=(), repeat_rows: int = 0, zebra: bool = False) -> Table:
    """A Table whose first logical column is drawn on the right.

    ``style_cmds`` use logical column indices (0 = rightmost); they are flipped here.
    """
    n = len(widths)
    flipped = [list(reversed(r)) for r in rows]

    def flip(c):
        return n - 1 - (c if c >= 0 else n + c)

    cmds = [("FONT", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    for cmd in style_cmds:
        name, (c0, r0), (c1, r1), *rest = cmd
        a, b = sorted((flip(c0), flip(c1)))
        cmds.append((name, (a, r0), (b, r1), *rest))
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, repeat_rows), (-1, -1), [colors.white, colors.HexColor("#f7f9fb")]))
    return Table(flipped, colWidths=list(reversed(widths)), style=TableStyle(cmds), repeatRows=repeat_rows,
                 hAlign="RIGHT")


class StoryBuilder:
    def __init__(self, record: dict, form: Form, record_sha256: str, tz: str, width: float) -> None:
        self.r = record
        # The patient text exactly as this patient read it: filled from the values the record keeps.
        self.form = patient_form(form, values_from_record(form, record))
        self.sha = record_sha256
        self.tz = tz
        self.width = width
        self.s = stylesheet()
        staff = record.get("staff") or {}
        self.staff_names = {v.get("username"): v.get("name") for v in staff.values()
                            if isinstance(v, dict) and v.get("username")}

    # -- small helpers ------------------------------------------------------------------------------
    def p(self, text, style="body", bullet=None) -> RTLParagraph:
        return RTLParagraph("" if text is None else str(text), self.s[style], bullet=bullet)

    def when(self, iso) -> str:
        return format_datetime(iso, self.tz) if iso else DASH

    def who(self, username) -> str:
        if not username:
            return DASH
        return self.staff_names.get(username) or str(username)

    def h2(self, text) -> RTLParagraph:
        return self.p(text, "h2")

    def kv_table(self, pairs, per_row: int = 2) -> Table:
        """Label/value pairs, ``per_row`` pairs across the page."""
        label_w = 28 * mm
        value_w = self.width / per_row - label_w
        rows = []
        for i in range(0, len(pairs), per_row):
            row = []
            for label, value in pairs[i:i + per_row]:
                row += [self.p(label, "cell_bold"), self.p(value if value not in (None, "") else DASH, "cell")]
            while len(row) < 2 * per_row:
                row += ["", ""]
            rows.append(row)
        widths = [label_w, value_w] * per_row
        cmds = [("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID)]
        for k in range(per_row):
            cmds.append(("BACKGROUND", (2 * k, 0), (2 * k, -1), HEADER_BG))
        return rtl_table(rows, widths, cmds)

    # -- blocks -------------------------------------------------------------------------------------
    def header(self) -> list[Flowable]:
        inst = self.r.get("institution") or {}
        qr_size = 26 * mm
        if inst.get("name_ar") or inst.get("name_en"):
            text = [self.p(inst.get("name_ar") or inst.get("name_en"), "institution")]
            if inst.get("name_ar") and inst.get("name_en"):
                text.append(self.p(inst["name_en"], "institution_en"))
        else:  # never a blank header: say that the desk has no institution configured
            text = [self.p(L.NO_INSTITUTION, "institution_missing")]
        qr = qr_flowable(self.r.get("record_id", ""), self.sha, qr_size)
        t = rtl_table([[text, qr]], [self.width - qr_size - 4, qr_size + 4],
                      [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1f4e79")),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
        return [t]

    def title(self) -> list[Flowable]:
        kind = self.r.get("kind", "consent")
        title = L.KIND_TITLES.get(kind) or self.form.title
        out = [self.p(title, "title")]
        if kind == "refusal":
            out.append(self.p(self.form.title, "subtitle"))
        sub = f"رقم السجل {self.r.get('record_id', '')} · {self.when(self.r.get('created_at'))}"
        out.append(self.p(sub, "subtitle"))
        if self.form.reference:
            out.append(self.p(f"رقم النموذج {self.form.reference} · تاريخ مراجعته {format_date(self.form.review_date)}",
                              "subtitle"))
        if kind in ("withdrawal", "correction") and self.r.get("refers_to"):
            out.append(self.p(L.REFERS_TO.format(record_id=self.r["refers_to"]), "subtitle"))
        return out

    def patient(self) -> list[Flowable]:
        pt = self.r.get("patient") or {}
        pairs = [
            ("الاسم", pt.get("name_ar")), ("الاسم باللاتينية", pt.get("name_latin")),
            ("الرقم الطبي", pt.get("mrn")), ("رقم الهوية", pt.get("national_id")),
            ("تاريخ الميلاد", format_date(pt.get("birth_date"))), ("الجنس", L.SEX.get(pt.get("sex"), pt.get("sex"))),
        ]
        return [self.h2(L.H_PATIENT), self.kv_table(pairs)]

    def _indication(self):
        proc = self.r.get("procedure") or {}
        return self.form.indications.get(proc.get("indication"))

    def fracture_age(self, proc: dict) -> str:
        """" (منذ 8 أيام؛ 11 يوماً في تاريخ الإجراء)": counted to the record's date, and to the planned
        date (the eight-week rule's date) when that differs."""
        fractured = parse_date(proc.get("fracture_date"))
        on_record = local_date(self.r.get("created_at"), self.tz)
        if fractured is None:
            return ""
        parts = []
        if on_record is not None and on_record >= fractured:
            parts.append(f"منذ {count_noun((on_record - fractured).days, DAY, 'oblique')}")
        planned_age = proc.get("fracture_age_days")
        planned = parse_date(proc.get("planned_date"))
        if planned_age is not None and planned != on_record:
            parts.append(f"{count_noun(int(planned_age), DAY)} في تاريخ الإجراء")
        return f" ({'؛ '.join(parts)})" if parts else ""

    def procedure(self) -> list[Flowable]:
        proc = self.r.get("procedure") or {}
        levels = proc.get("levels") or []
        ind = self._indication()
        pairs = [
            ("الإجراء", self.form.procedure_name),
            ("المستوى", "، ".join(levels) if levels else DASH),
            ("الداعي", ind.label if ind else proc.get("indication")),
        ]
        if proc.get("fracture_date"):
            pairs.append(("تاريخ الكسر", format_date(proc["fracture_date"]) + self.fracture_age(proc)))
        pairs.append(("تاريخ الإجراء المخطط", format_date(proc.get("planned_date"))))
        if proc.get("anaesthesia"):
            try:
                pairs.append(("التخدير المخطط", self.form.anaesthesia_choice(proc["anaesthesia"]).label))
            except KeyError:
                pairs.append(("التخدير المخطط", proc["anaesthesia"]))
        if "consultant" in proc:
            pairs.append(("الاستشاري المسؤول", proc.get("consultant") or DASH))
        fig_w = 32 * mm
        inner_w = self.width - fig_w - 6
        rows = [[self.p(k, "cell_bold"), self.p(v or DASH, "cell")] for k, v in pairs]
        details = rtl_table(rows, [32 * mm, inner_w - 32 * mm - 6],
                            [("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                             ("BACKGROUND", (0, 0), (0, -1), HEADER_BG)])
        fig = spine_drawing(levels, width=fig_w - 4, height=62 * mm)
        outer = rtl_table([[details, fig]], [inner_w, fig_w + 6],
                          [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        return [self.h2(L.H_PROCEDURE), outer]

    def indication(self) -> list[Flowable]:
        proc = self.r.get("procedure") or {}
        ind = self._indication()
        out: list[Flowable] = [self.h2(L.H_INDICATION)]
        if ind is None:
            out.append(self.p(proc.get("indication") or DASH))
        else:
            out.append(self.p(ind.label, "h3"))
            if ind.benefits:
                out.append(self.p("الفوائد المتوقعة", "h3"))
                out += [self.p(b, "bullet", bullet="•") for b in ind.benefits]
            if ind.risks:
                out.append(self.p("المخاطر", "h3"))
                out += [self.p(b, "bullet", bullet="•") for b in ind.risks]
        figure = proc.get("risk_figure")
        if figure:
            out.append(self.p(f"المضاعفات التي تسبب أعراضاً لمريض في مثل حالتك: {in_100(figure)}", "statement"))
        return out

    def choices(self) -> list[Flowable]:
        """The patient's own yes/no answers (biopsy, an extra level), with the question asked."""
        answers = self.r.get("choices") or []
        if not answers:
            return []
        out: list[Flowable] = [self.h2("ما وافق عليه المريض أو رفضه")]
        for a in answers:
            try:
                question = self.form.patient_choice(a.get("id", "")).question
            except KeyError:
                question = str(a.get("id", ""))
            answer = {"yes": "نعم، أوافق", "no": "لا أوافق"}.get(a.get("value"), DASH)
            who = "المريض على شاشته" if a.get("by") == "patient" else "المريض للطاقم"
            out.append(self.p(question, "h3"))
            out.append(self.p(f"{answer} · {who} · {self.when(a.get('at'))}"))
        return out

    def contacts(self) -> list[Flowable]:
        """The numbers to call, on the patient's copy, as the settings had them when signed."""
        local = self.r.get("local_settings") or {}
        rows = [("الطوارئ (الإسعاف)", local.get("emergency_number")),
                ("فريق الأشعة التداخلية في أوقات الدوام", local.get("team_phone_day")),
                ("فريق الأشعة التداخلية بعد الدوام", local.get("team_phone_after_hours"))]
        if not any(v for _, v in rows):
            return []
        return [self.h2("أرقام للاتصال"), self.kv_table([(k, v or DASH) for k, v in rows], per_row=1)]

    def history(self) -> list[Flowable]:
        proc = self.r.get("procedure") or {}
        out: list[Flowable] = []
        conservative = {c.id: c.label for c in self.form.conservative_treatments}
        immediate = {c.id: c.label for c in self.form.immediate_criteria}
        failed = proc.get("conservative_failed") or []
        crit = proc.get("immediate_criteria") or []
        warnings = proc.get("warnings") or []
        overrides = self.r.get("overrides") or []
        if not (failed or crit or warnings or overrides):
            return out
        out.append(self.h2(L.H_HISTORY))
        if failed:
            out.append(self.p("علاج تحفظي لم ينجح:", "h3"))
            out += [self.p(conservative.get(c, c), "bullet", bullet="•") for c in failed]
        if crit:
            out.append(self.p("معايير التدخل الفوري:", "h3"))
            out += [self.p(immediate.get(c, c), "bullet", bullet="•") for c in crit]
        for w in warnings:
            out.append(self.p(self.warning_text(w), "warning", bullet="!"))
        out += self.overrides_table(overrides)
        return out

    def warning_text(self, w: dict) -> str:
        code = w.get("code", "")
        template = L.WARNINGS.get(code)
        if template is None:
            return str(code)
        values = {k: v for k, v in w.items() if k != "code"}
        if isinstance(values.get("weeks"), int):
            values["weeks_text"] = count_noun(values["weeks"], WEEK)
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            return template.split("(")[0].strip()

    def item_label(self, item_id: str) -> str:
        try:
            return self.form.item(item_id).label
        except KeyError:
            pass
        if item_id in L.WARNINGS:
            return self.warning_text({"code": item_id}) if "{" not in L.WARNINGS[item_id] else \
                L.WARNINGS[item_id].split("(")[0].strip()
        return str(item_id)

    def overrides_table(self, overrides) -> list[Flowable]:
        if not overrides:
            return []
        head = [self.p(t, "cell_head") for t in ("البند", "السبب", "بواسطة", "الوقت")]
        rows = [head] + [[self.p(self.item_label(o.get("item", "")), "cell"), self.p(o.get("reason") or DASH, "cell"),
                          self.p(self.who(o.get("by")), "cell"), self.p(self.when(o.get("at")), "cell")]
                         for o in overrides]
        widths = [self.width * 0.26, self.width * 0.34, self.width * 0.16, self.width * 0.24]
        return [self.p(L.H_OVERRIDES, "h3"),
                rtl_table(rows, widths, [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                                         ("GRID", (0, 0), (-1, -1), 0.25, GRID)], repeat_rows=1)]

    def sections(self) -> list[Flowable]:
        acks = {}
        for a in (self.r.get("discussion") or {}).get("acknowledged") or []:
            acks.setdefault(a.get("section"), a)
        out: list[Flowable] = []
        for section in self.form.sections:
            ack = acks.get(section.id)
            if ack is None:
                continue
            if not out:
                out.append(self.h2(L.H_SECTIONS))
            block: list[Flowable] = [self.p(section.title, "h3")]
            block += [self.p(par) for par in section.paragraphs]
            block += [self.p(b, "bullet", bullet="•") for b in section.bullets]
            by = L.ACK_BY.get(ack.get("by"), ack.get("by") or "")
            staff = self.who(ack.get("staff")) if ack.get("staff") else ""
            line = f"أقرّ بالاطلاع عليه: {by}" + (f" بحضور {staff}" if staff and staff != DASH else "") + \
                f" · {self.when(ack.get('at'))}"
            block.append(self.p(line, "ack"))
            if len(block) > 3:
                # the heading stays with the first paragraph, the acknowledgement with the last
                out += [KeepTogether(block[:2])] + block[2:-2] + [KeepTogether(block[-2:])]
            else:
                out.append(KeepTogether(block))
        return out

    def answer_text(self, entry: dict, item=None) -> str:
        """An answer in words; ``item``: a field of an entries item (not in the checklist by itself)."""
        value = entry.get("value")
        if item is None:
            try:
                item = self.form.item(entry.get("item", ""))
            except KeyError:
                item = None
        if value is None or value == "":
            return DASH
        if item is not None:
            if item.kind == "entries":  # several blood thinners: one line each, or the explicit "none"
                if not isinstance(value, (list, tuple)):
                    return item.none_label if value == "none" else str(value)
                return "؛ ".join(" · ".join(self.answer_text({"item": "", "value": e.get(f.id)}, f)
                                            for f in item.fields if e.get(f.id) not in (None, ""))
                                 for e in value if isinstance(e, dict))
            if item.kind == "yesno":
                return L.YESNO.get(value, str(value))
            if item.kind == "choice":
                labels = {c.id: c.label for c in item.choices}
                if isinstance(value, (list, tuple)):
                    return "، ".join(labels.get(v, str(v)) for v in value)
                return labels.get(value, str(value))
            if item.kind == "date":
                return format_date(value)
            if item.kind == "datetime":
                return self.when(value)
            if item.kind == "number":
                text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
                if item.unit == "%":  # "97%" stays one number in a right-to-left line; "97 %" would not
                    return f"{text}%"
                return f"{text} {item.unit}".strip()
        if isinstance(value, bool):
            return L.YESNO[value]
        return str(value)

    def checklist(self, title: str = L.H_CHECKLIST) -> list[Flowable]:
        entries = self.r.get("checklist") or []
        if not entries:
            return []
        if self.r.get("kind") != "verification" and all(e.get("value") in (None, "") for e in entries):
            # Nothing answered at the signing visit: say so in one line instead of a table of blanks.
            return [self.h2(title), self.p("لم تُسجَّل إجابات قائمة التحقق عند التوقيع؛ يُوثَّق التحقق قبل "
                                           "الإجراء في سجل مستقل مرتبط بهذه الموافقة.")]
        head = [self.p(t, "cell_head") for t in ("البند", "الإجابة", "الحالة", "بواسطة", "الوقت")]
        rows = [head]
        cmds = [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("GRID", (0, 0), (-1, -1), 0.25, GRID)]
        bg = {"ok": OK_BG, "blocking": BLOCK_BG, "missing": MISSING_BG}
        for i, e in enumerate(entries, start=1):
            status = e.get("status", "")
            rows.append([self.p(self.item_label(e.get("item", "")), "cell"), self.p(self.answer_text(e), "cell"),
                         self.p(L.STATUS.get(status, status), "cell_bold" if status == "blocking" else "cell"),
                         self.p(self.who(e.get("by")), "cell"),
                         self.p(format_datetime(e.get("at"), self.tz, hijri=False) or DASH, "cell")])
            if status in bg:
                cmds.append(("BACKGROUND", (2, i), (2, i), bg[status]))
        widths = [self.width * 0.36, self.width * 0.22, self.width * 0.1, self.width * 0.15, self.width * 0.17]
        # A long table splits across pages (its header repeats); keeping the heading "with next" would
        # push the whole table to a new page, so ask only for room for the heading and a few rows.
        heading = self.h2(title)
        heading.keepWithNext = 0
        return [CondPageBreak(45 * mm), heading, rtl_table(rows, widths, cmds, repeat_rows=1)]

    def questions(self) -> list[Flowable]:
        qs = (self.r.get("discussion") or {}).get("questions") or []
        if not qs:
            return []
        out: list[Flowable] = [self.h2(L.H_QUESTIONS)]
        for i, q in enumerate(qs, start=1):
            # question, answer and time stay on one page
            group = [self.p(f"س{i}: {q.get('text', '')}", "h3"), self.p(f"ج: {q.get('answer') or DASH}")]
            if q.get("at"):
                group.append(self.p(self.when(q["at"]), "ack"))
            out.append(KeepTogether(group))
        return out

    def teach_back(self) -> list[Flowable]:
        answers = (self.r.get("discussion") or {}).get("teach_back") or []
        if not answers:
            return []
        questions = {t.id: t.question for t in self.form.teach_back}
        out: list[Flowable] = [self.h2(L.H_TEACH_BACK)]
        for a in answers:
            out.append(self.p(questions.get(a.get("id"), a.get("id", "")), "h3"))
            out.append(self.p(a.get("answer") or DASH))
        return out

    def certification(self) -> list[Flowable]:
        if self.r.get("kind") == "refusal" or (self.r.get("correction") or {}).get("corrects_kind") == "refusal":
            return [self.h2(L.H_CERTIFICATION), self.p(L.REFUSAL_STATEMENT, "statement")]
        if not self.form.certification:
            return []
        return [self.h2(L.H_CERTIFICATION), self.p(self.form.certification, "statement")]

    def signatures(self) -> list[Flowable]:
        sigs = self.r.get("signatures") or []
        if not sigs:
            return []
        mark_signed = any(s.get("method") == "mark" for s in sigs if s.get("role") in ("patient", "representative"))
        out: list[Flowable] = [self.h2(L.H_SIGNATURES)]
        sig_w, sig_h, thumb_w = 62 * mm, 24 * mm, 24 * mm
        meanings = self.form.signature_meanings or {}
        for s in sigs:
            role = s.get("role", "")
            # The words the signer signed under are part of the record; the form is only a fallback.
            if s.get("meaning"):
                meaning = s["meaning"]
            elif role == "witness" and mark_signed and "witness_mark" in meanings:
                meaning = meanings["witness_mark"]
            else:
                meaning = meanings.get(role) or ""
            role_text = L.ROLES.get(role, role)
            if s.get("relationship"):
                role_text += f" ({s['relationship']})"
            details = [self.p(s.get("name") or DASH, "cell_bold"), self.p(role_text, "cell"),
                       self.p(meaning, "cell")]
            method = L.METHODS.get(s.get("method"), s.get("method") or "")
            if s.get("language"):
                method += f" · {s['language']}"
            details.append(self.p(f"{method} · {self.when(s.get('signed_at'))}", "small"))
            pad = SignatureFlowable(s.get("strokes"), sig_w, sig_h)
            if s.get("method") == "mark":
                thumb = [ThumbprintBox(thumb_w - 6, sig_h), self.p("بصمة الإبهام", "tiny")]
                row, widths = [details, pad, thumb], [self.width - sig_w - thumb_w - 12, sig_w + 6, thumb_w + 6]
            else:
                row, widths = [details, pad], [self.width - sig_w - 6, sig_w + 6]
            t = rtl_table([row], widths, [("BOX", (0, 0), (-1, -1), 0.4, GRID),
                                          ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
            out += [KeepTogether([t]), Spacer(1, 2 * mm)]
        return out

    # -- verification -------------------------------------------------------------------------------
    def verification(self) -> list[Flowable]:
        out: list[Flowable] = []
        if self.r.get("refers_to"):
            out.append(self.p(f"مرتبط بسجل الموافقة رقم {self.r['refers_to']}", "subtitle"))
        entries = self.r.get("checklist") or []
        overridden = {o.get("item") for o in self.r.get("overrides") or []}
        blocks = [e for e in entries if e.get("status") in ("blocking", "missing")]
        open_blocks = [e for e in blocks if e.get("item") not in overridden]
        checklist_ids = {e.get("item") for e in entries}
        open_warnings = [code for code in self.r.get("open_blocks") or [] if code not in checklist_ids]
        ready = self.r["ready"] if "ready" in self.r else not open_blocks
        out.append(self.h2(L.H_READINESS))
        if not ready:
            out.append(self.p("المريض غير جاهز للإجراء: توجد موانع مفتوحة.", "warning"))
        else:
            out.append(self.p("المريض جاهز للإجراء من حيث التحقق قبل الإجراء.", "statement"))
        reconfirmed = self.r.get("reconfirmed") or {}
        if reconfirmed.get("by"):
            out.append(self.p(f"أُعيد تأكيد الموافقة يوم الإجراء: {self.who(reconfirmed['by'])} · "
                              f"{self.when(reconfirmed.get('at'))}"))
        out += self.checklist("عناصر التحقق")
        out.append(self.h2(L.H_BLOCKS))
        if not blocks and not open_warnings:
            out.append(self.p("لا توجد موانع مفتوحة."))
        for e in blocks:
            reason = ""
            try:
                reason = self.form.item(e.get("item", "")).blocking_reason
            except KeyError:
                pass
            mark = " (تم تجاوزه)" if e.get("item") in overridden else ""
            text = f"{self.item_label(e.get('item', ''))}: {L.STATUS.get(e.get('status'), '')}{mark}"
            out.append(self.p(text + (f" · {reason}" if reason else ""), "bullet", bullet="•"))
        for code in open_warnings:
            out.append(self.p(self.warning_text({"code": code}), "bullet", bullet="•"))
        out += self.overrides_table(self.r.get("overrides") or [])
        nurse = (self.r.get("staff") or {}).get("nurse") or {}
        out.append(self.h2(L.H_VERIFIER))
        out.append(self.p(f"{nurse.get('name') or self.who(nurse.get('username'))} · "
                          f"{self.when(self.r.get('signed_at') or self.r.get('created_at'))}"))
        out += self.signatures()
        return out

    # -- withdrawal and correction -------------------------------------------------------------------
    def withdrawal(self) -> list[Flowable]:
        w = self.r.get("withdrawal") or {}
        out: list[Flowable] = [self.h2(L.H_WITHDRAWAL), self.p(w.get("statement") or "", "statement")]
        if w.get("reason"):
            out.append(self.p(f"السبب: {w['reason']}"))
        return out

    def _value_text(self, field: str, value) -> str:
        if value in (None, "", []):
            return DASH
        if isinstance(value, (list, tuple)):
            return "، ".join(str(v) for v in value)
        if field.endswith("_date"):
            return format_date(value)
        if field == "patient.sex":
            return L.SEX.get(value, str(value))
        return str(value)

    def correction(self) -> list[Flowable]:
        c = self.r.get("correction") or {}
        out: list[Flowable] = [self.h2(L.H_CORRECTION), self.p(L.CORRECTION_NOTE, "statement")]
        out.append(self.p(f"{L.CORRECTION_REASON}: {c.get('reason') or DASH}"))
        changes = c.get("changes") or []
        if changes:
            head = [self.p(t, "cell_head") for t in ("البيان", "في السجل الأصلي", "بعد التصحيح")]
            rows = [head] + [[self.p(L.CORRECTION_FIELDS.get(ch.get("field"), ch.get("field")), "cell_bold"),
                              self.p(self._value_text(ch.get("field", ""), ch.get("old")), "cell"),
                              self.p(self._value_text(ch.get("field", ""), ch.get("new")), "cell")]
                             for ch in changes]
            widths = [self.width * 0.3, self.width * 0.35, self.width * 0.35]
            out.append(rtl_table(rows, widths, [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                                                ("GRID", (0, 0), (-1, -1), 0.25, GRID)], repeat_rows=1))
        by = c.get("by") or {}
        out.append(self.p(f"صحّحه: {by.get('name') or self.who(by.get('username'))} · {self.when(c.get('at'))}",
                          "ack"))
        return out

    # -- whole story --------------------------------------------------------------------------------
    def build(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.header()
        story += self.title()
        if self.r.get("kind") == "correction":
            story += self.correction()
        story += self.patient()
        story += self.procedure()
        if self.r.get("kind") == "verification":
            story += self.verification()
            return story
        if self.r.get("kind") == "withdrawal":
            story += self.withdrawal()
            story += self.signatures()
            return story
        story += self.indication()
        story += self.choices()
        story += self.history()
        story += self.sections()
        story += self.contacts()
        story += self.checklist()
        story += self.questions()
        story += self.teach_back()
        story += self.certification()
        story += self.signatures()
        return story
