"""Words and small widgets shared by the archive and administration screens: the names of statuses,
kinds, procedures, verification reasons and audit actions in the interface language, a date field,
the local time of a stored instant, and the message codes this part added to ``messages.py``.

The codes' sentences are listed here (QT_TRANSLATE_NOOP, context "Messages") so that
``archive_ar.ts`` carries their Arabic, as ``widgets.FLOW_MESSAGES`` does for the consent flow.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from .date_field import DateField


def _w(text: str) -> str:
    return QCoreApplication.translate("ArchiveWords", text)


# code -> English source; QT_TRANSLATE_NOOP lets lupdate find the words, _w() translates them at use.
_STATUS = {
    "signed": QT_TRANSLATE_NOOP("ArchiveWords", "Signed"),
    "refused": QT_TRANSLATE_NOOP("ArchiveWords", "Refused"),
    "withdrawn": QT_TRANSLATE_NOOP("ArchiveWords", "Withdrawn"),
    "superseded": QT_TRANSLATE_NOOP("ArchiveWords", "Superseded"),
    "verified": QT_TRANSLATE_NOOP("ArchiveWords", "Signed and verified"),
    "expired": QT_TRANSLATE_NOOP("ArchiveWords", "Expired"),
    "withdrawal": QT_TRANSLATE_NOOP("ArchiveWords", "Withdrawal"),
    "verification": QT_TRANSLATE_NOOP("ArchiveWords", "Verification"),
}
_KIND = {
    "consent": QT_TRANSLATE_NOOP("ArchiveWords", "Consent"),
    "refusal": QT_TRANSLATE_NOOP("ArchiveWords", "Refusal"),
    "withdrawal": QT_TRANSLATE_NOOP("ArchiveWords", "Withdrawal"),
    "correction": QT_TRANSLATE_NOOP("ArchiveWords", "Correction"),
    "verification": QT_TRANSLATE_NOOP("ArchiveWords", "Pre-procedure verification"),
}
_PROCEDURE = {
    "vertebroplasty": QT_TRANSLATE_NOOP("ArchiveWords", "Vertebroplasty"),
    "kyphoplasty": QT_TRANSLATE_NOOP("ArchiveWords", "Kyphoplasty"),
}
_RELATION = {
    "refers_to": QT_TRANSLATE_NOOP("ArchiveWords", "This record refers to it"),
    "referred_by": QT_TRANSLATE_NOOP("ArchiveWords", "Refers to this record"),
}
_ROLE = {
    "nurse": QT_TRANSLATE_NOOP("ArchiveWords", "Nurse"),
    "physician": QT_TRANSLATE_NOOP("ArchiveWords", "Physician"),
    "admin": QT_TRANSLATE_NOOP("ArchiveWords", "Administrator"),
}
_FORM_STATUS = {
    "approved": QT_TRANSLATE_NOOP("ArchiveWords", "Approved"),
    "not-approved": QT_TRANSLATE_NOOP("ArchiveWords", "Not approved"),
    "retired": QT_TRANSLATE_NOOP("ArchiveWords", "Retired"),
}
_REASON = {
    "ok": QT_TRANSLATE_NOOP("ArchiveWords", "The seal is intact and trusted; the record matches."),
    "no_seal": QT_TRANSLATE_NOOP("ArchiveWords", "The PDF carries no institution seal."),
    "multiple_seals": QT_TRANSLATE_NOOP("ArchiveWords", "The PDF carries more than one signature."),
    "seal_broken": QT_TRANSLATE_NOOP("ArchiveWords", "The seal does not match: the document was altered."),
    "untrusted_signer": QT_TRANSLATE_NOOP("ArchiveWords", "The seal's certificate does not chain to the trust file."),
    "seal_malformed": QT_TRANSLATE_NOOP("ArchiveWords", "The seal is not formed the way the program writes it."),
    "no_trust_file": QT_TRANSLATE_NOOP("ArchiveWords", "No trust file is installed: the seal cannot be checked."),
    "demo_seal": QT_TRANSLATE_NOOP("ArchiveWords", "This is the demonstration seal: it proves nothing about a patient."),
    "certificate_expired": QT_TRANSLATE_NOOP("ArchiveWords", "The seal's certificate was not valid at the proven time."),
    "certificate_revoked": QT_TRANSLATE_NOOP("ArchiveWords", "The seal's certificate was revoked."),
    "timestamp_invalid": QT_TRANSLATE_NOOP("ArchiveWords", "A timestamp is not from a trusted timestamp server."),
    "not_entire_file": QT_TRANSLATE_NOOP("ArchiveWords", "The file was changed after it was sealed."),
    "attachment_missing": QT_TRANSLATE_NOOP("ArchiveWords", "The sealed PDF does not contain its record."),
    "attachment_ambiguous": QT_TRANSLATE_NOOP("ArchiveWords", "The sealed PDF contains more than one record."),
    "record_unreadable": QT_TRANSLATE_NOOP("ArchiveWords", "The attached record cannot be read."),
    "metadata_missing": QT_TRANSLATE_NOOP("ArchiveWords", "The sealed PDF lacks its record number or hash."),
    "record_hash_mismatch": QT_TRANSLATE_NOOP("ArchiveWords", "The attached record does not match its sealed hash."),
    "record_id_mismatch": QT_TRANSLATE_NOOP("ArchiveWords", "The record number inside the PDF is different."),
    "stored_hash_mismatch": QT_TRANSLATE_NOOP("ArchiveWords", "The record differs from the one stored in the archive."),
    "pdf_unreadable": QT_TRANSLATE_NOOP("ArchiveWords", "The PDF cannot be read."),
    "pdf_hash_mismatch": QT_TRANSLATE_NOOP("ArchiveWords", "The PDF differs from the one stored in the archive."),
}
_ACTION = {
    "record.sealed": QT_TRANSLATE_NOOP("ArchiveWords", "Sealed"),
    "record.viewed": QT_TRANSLATE_NOOP("ArchiveWords", "Viewed"),
    "record.printed": QT_TRANSLATE_NOOP("ArchiveWords", "Printed"),
    "record.exported": QT_TRANSLATE_NOOP("ArchiveWords", "Copy saved"),
    "record.withdrawn": QT_TRANSLATE_NOOP("ArchiveWords", "Withdrawn"),
    "record.superseded": QT_TRANSLATE_NOOP("ArchiveWords", "Superseded by a correction"),
    "record.verified": QT_TRANSLATE_NOOP("ArchiveWords", "Verified"),
    "archive.searched": QT_TRANSLATE_NOOP("ArchiveWords", "Archive searched"),
    "archive.exported": QT_TRANSLATE_NOOP("ArchiveWords", "Archive exported"),
    "archive.printed": QT_TRANSLATE_NOOP("ArchiveWords", "Archive printed"),
    "archive.verified": QT_TRANSLATE_NOOP("ArchiveWords", "Archive verified"),
    "archive.print_prepared": QT_TRANSLATE_NOOP("ArchiveWords", "Print prepared"),
    "archive.exported_cancelled": QT_TRANSLATE_NOOP("ArchiveWords", "Export cancelled"),
    "archive.print_prepared_cancelled": QT_TRANSLATE_NOOP("ArchiveWords", "Print cancelled"),
    "user.added": QT_TRANSLATE_NOOP("ArchiveWords", "User added"),
    "user.disabled": QT_TRANSLATE_NOOP("ArchiveWords", "User disabled"),
    "user.enabled": QT_TRANSLATE_NOOP("ArchiveWords", "User enabled"),
    "user.password_reset": QT_TRANSLATE_NOOP("ArchiveWords", "Password reset"),
    "user.role_changed": QT_TRANSLATE_NOOP("ArchiveWords", "Role changed"),
    "form.approved": QT_TRANSLATE_NOOP("ArchiveWords", "Form approved"),
    "form.retired": QT_TRANSLATE_NOOP("ArchiveWords", "Form retired"),
    "certificate.imported": QT_TRANSLATE_NOOP("ArchiveWords", "Certificate imported"),
    "settings.changed": QT_TRANSLATE_NOOP("ArchiveWords", "Setting changed"),
    "audit.viewed": QT_TRANSLATE_NOOP("ArchiveWords", "Audit log viewed"),
    "audit.verified": QT_TRANSLATE_NOOP("ArchiveWords", "Audit chain verified"),
    "login.ok": QT_TRANSLATE_NOOP("ArchiveWords", "Signed in"),
    "login.failed": QT_TRANSLATE_NOOP("ArchiveWords", "Sign-in failed"),
    "user.baseline": QT_TRANSLATE_NOOP("ArchiveWords", "Accounts recorded as they stand"),
    "user.password_changed": QT_TRANSLATE_NOOP("ArchiveWords", "Password changed"),
    "user.password_rehashed": QT_TRANSLATE_NOOP("ArchiveWords", "Password storage renewed"),
    "user.resolved": QT_TRANSLATE_NOOP("ArchiveWords", "Account changed outside the program: resolved"),
    "user.unlocked": QT_TRANSLATE_NOOP("ArchiveWords", "Account unlocked"),
    "setup.completed": QT_TRANSLATE_NOOP("ArchiveWords", "First setup completed"),
    "seal.unlocked": QT_TRANSLATE_NOOP("ArchiveWords", "Seal unlocked"),
    "seal.refused": QT_TRANSLATE_NOOP("ArchiveWords", "Sealing refused"),
    "seal.unlock_refused": QT_TRANSLATE_NOOP("ArchiveWords", "Seal PIN or passphrase refused"),
    "seal.forgotten": QT_TRANSLATE_NOOP("ArchiveWords", "PIN or passphrase forgotten on this computer"),
    "backup.created": QT_TRANSLATE_NOOP("ArchiveWords", "Backup made"),
    "backup.restored": QT_TRANSLATE_NOOP("ArchiveWords", "Backup restored"),
    "audit.checkpoint_requested": QT_TRANSLATE_NOOP("ArchiveWords", "Checkpoint signed"),
    "audit.proof_given": QT_TRANSLATE_NOOP("ArchiveWords", "Proof given"),
    "audit.protection_restored": QT_TRANSLATE_NOOP("ArchiveWords", "Protection reinstalled"),
    "settings.viewed": QT_TRANSLATE_NOOP("ArchiveWords", "Settings viewed"),
    "settings.tested": QT_TRANSLATE_NOOP("ArchiveWords", "Connection tested"),
    "record.timestamped": QT_TRANSLATE_NOOP("ArchiveWords", "Timestamp added"),
    "record.copy_given": QT_TRANSLATE_NOOP("ArchiveWords", "Copy given to the patient"),
    "record.copy_declined": QT_TRANSLATE_NOOP("ArchiveWords", "Patient declined a copy"),
    "patients.searched": QT_TRANSLATE_NOOP("ArchiveWords", "Patients searched"),
    "consent.started": QT_TRANSLATE_NOOP("ArchiveWords", "Consent started"),
    "consent.intake_started": QT_TRANSLATE_NOOP("ArchiveWords", "Consent begun (details being typed)"),
    "consent.discarded": QT_TRANSLATE_NOOP("ArchiveWords", "Consent discarded"),
    "consent.details_corrected": QT_TRANSLATE_NOOP("ArchiveWords", "Consent details corrected"),
    "verification.started": QT_TRANSLATE_NOOP("ArchiveWords", "Pre-procedure check started"),
    # Several stations (issue 16); their Arabic is in stations_ar.ts.
    "station.registered": QT_TRANSLATE_NOOP("ArchiveWords", "Station registered"),
    "database.migrated": QT_TRANSLATE_NOOP("ArchiveWords", "Copied in from a one-desk data folder"),
    "handoff.offered": QT_TRANSLATE_NOOP("ArchiveWords", "Handed to a patient tablet"),
    "handoff.opened": QT_TRANSLATE_NOOP("ArchiveWords", "Opened on the patient tablet"),
    "handoff.returned": QT_TRANSLATE_NOOP("ArchiveWords", "Given back by the patient tablet"),
    "handoff.taken_back": QT_TRANSLATE_NOOP("ArchiveWords", "Taken back from the patient tablet"),
    "handoff.released": QT_TRANSLATE_NOOP("ArchiveWords", "Patient tablet released"),
    "handoff.step_kept": QT_TRANSLATE_NOOP("ArchiveWords", "A step from the tablet kept, not applied"),
    "login": QT_TRANSLATE_NOOP("ArchiveWords", "Sign-ins"),
    "record": QT_TRANSLATE_NOOP("ArchiveWords", "Records"),
    "archive": QT_TRANSLATE_NOOP("ArchiveWords", "Archive"),
    "user": QT_TRANSLATE_NOOP("ArchiveWords", "Users"),
    "form": QT_TRANSLATE_NOOP("ArchiveWords", "Form versions"),
    "settings": QT_TRANSLATE_NOOP("ArchiveWords", "Settings"),
    "certificate": QT_TRANSLATE_NOOP("ArchiveWords", "Certificates"),
    "audit": QT_TRANSLATE_NOOP("ArchiveWords", "Audit log"),
    "consent": QT_TRANSLATE_NOOP("ArchiveWords", "Consents"),
    "verification": QT_TRANSLATE_NOOP("ArchiveWords", "Verifications"),
}
# Actions written as "<who or what>.<what happened>" from a step or a password's purpose
# (consent.signed, sign.ok, kiosk_exit.failed): the two halves in words when the whole has none.
_ACTION_HEAD = {
    "consent": QT_TRANSLATE_NOOP("ArchiveWords", "Consent"),
    "verification": QT_TRANSLATE_NOOP("ArchiveWords", "Pre-procedure check"),
    "record": QT_TRANSLATE_NOOP("ArchiveWords", "Record"),
    "login": QT_TRANSLATE_NOOP("ArchiveWords", "Sign-in"),
    "cli": QT_TRANSLATE_NOOP("ArchiveWords", "Command-line sign-in"),
    "sign": QT_TRANSLATE_NOOP("ArchiveWords", "Password to sign"),
    "override": QT_TRANSLATE_NOOP("ArchiveWords", "Physician's override"),
    "handover": QT_TRANSLATE_NOOP("ArchiveWords", "Hand-over to the physician"),
    "physician_item": QT_TRANSLATE_NOOP("ArchiveWords", "Physician's checklist item"),
    "kiosk_exit": QT_TRANSLATE_NOOP("ArchiveWords", "Leaving the patient screen"),
    "unlock": QT_TRANSLATE_NOOP("ArchiveWords", "Screen unlocked"),
    "export": QT_TRANSLATE_NOOP("ArchiveWords", "Password to export"),
    "print": QT_TRANSLATE_NOOP("ArchiveWords", "Password to print"),
    "correct": QT_TRANSLATE_NOOP("ArchiveWords", "Password to correct"),
    "forms.approve": QT_TRANSLATE_NOOP("ArchiveWords", "Password to approve a form"),
    "correction_witness": QT_TRANSLATE_NOOP("ArchiveWords", "Witness of a correction"),
    "withdrawal_witness": QT_TRANSLATE_NOOP("ArchiveWords", "Witness of a withdrawal"),
}
_ACTION_TAIL = {
    "ok": QT_TRANSLATE_NOOP("ArchiveWords", "accepted"),
    "failed": QT_TRANSLATE_NOOP("ArchiveWords", "refused"),
    "identity_verified": QT_TRANSLATE_NOOP("ArchiveWords", "identity confirmed"),
    "acknowledged": QT_TRANSLATE_NOOP("ArchiveWords", "section understood"),
    "answered": QT_TRANSLATE_NOOP("ArchiveWords", "item answered"),
    "checklist": QT_TRANSLATE_NOOP("ArchiveWords", "checklist answered"),
    "choice": QT_TRANSLATE_NOOP("ArchiveWords", "patient's choice"),
    "interpreter": QT_TRANSLATE_NOOP("ArchiveWords", "interpreter"),
    "outcome": QT_TRANSLATE_NOOP("ArchiveWords", "decision"),
    "override": QT_TRANSLATE_NOOP("ArchiveWords", "overridden by a physician"),
    "overridden": QT_TRANSLATE_NOOP("ArchiveWords", "overridden by a physician"),
    "question": QT_TRANSLATE_NOOP("ArchiveWords", "question"),
    "reconfirmed": QT_TRANSLATE_NOOP("ArchiveWords", "consent reconfirmed"),
    "signed": QT_TRANSLATE_NOOP("ArchiveWords", "signed"),
    "teach_back": QT_TRANSLATE_NOOP("ArchiveWords", "said back in own words"),
    "answer": QT_TRANSLATE_NOOP("ArchiveWords", "item answered"),
}
_MARKS = {"signed": "●", "verified": "✔", "refused": "■", "withdrawn": "✖", "superseded": "⇄", "expired": "◷",
          "withdrawal": "✖", "verification": "✔"}


def _word(table: dict[str, str], code: str) -> str:
    text = table.get(code)
    return _w(text) if text else code


def status_word(status: str) -> str:
    return _word(_STATUS, status)


def status_mark(status: str) -> str:
    """A shape beside the word (colour is never the only signal)."""
    return _MARKS.get(status, "•")


def kind_word(kind: str) -> str:
    return _word(_KIND, kind)


def procedure_word(procedure: str) -> str:
    return _word(_PROCEDURE, procedure)


def relation_word(relation: str) -> str:
    return _word(_RELATION, relation)


def role_word(role: str) -> str:
    return _word(_ROLE, role)


def form_status_word(status: str) -> str:
    return _word(_FORM_STATUS, status)


def reason_word(reason: str) -> str:
    """A verification reason code (``app.documents.pdf_verify.REASONS``) in words."""
    return _word(_REASON, reason)


def action_word(action: str) -> str:
    """An audit action in words; the code itself when the program has no words for it."""
    if action in _ACTION:
        return _w(_ACTION[action])
    head, _, tail = action.rpartition(".")
    if head in _ACTION_HEAD and tail in _ACTION_TAIL:
        return f"{_w(_ACTION_HEAD[head])}: {_w(_ACTION_TAIL[tail])}"
    return action


def isolate(text: str) -> str:
    """An identifier (left to right) kept whole inside a sentence of the other direction."""
    return f"\u2068{text}\u2069" if text else text


def date_edit(day: dt.date, parent: QWidget | None = None, *, first_day: Qt.DayOfWeek = Qt.Sunday) -> DateField:
    """A day of the archive (signed on, from, to): typed as digits or chosen on the calendar. ``day`` is
    the institution's (``ctx.today()``), never the computer's: the archive counts days in its time zone."""
    return DateField(parent, minimum=dt.date(2000, 1, 1), maximum=day + dt.timedelta(days=3660),
                     first_day=first_day, value=day)


def iso(edit: DateField) -> str:
    """The day as year-month-day; '' while the field holds no valid day (the service then says so)."""
    value = edit.value()
    return value.isoformat() if value is not None else ""


def local_time(value: str, tz: str) -> str:
    """A stored UTC instant as "YYYY-MM-DD HH:MM" in the desk's time zone."""
    from app.documents.dates import format_datetime

    return format_datetime(value, tz, hijri=False)


# Sentences of the error codes added to messages.py by the archive and administration screens.
ARCHIVE_MESSAGES = (
    QT_TRANSLATE_NOOP("Messages", "This is the last active administrator. Add another administrator first."),
    QT_TRANSLATE_NOOP("Messages", "You cannot disable your own account."),
    QT_TRANSLATE_NOOP("Messages", "This user could not be found."),
    QT_TRANSLATE_NOOP("Messages", "Please choose a role."),
    QT_TRANSLATE_NOOP("Messages", "The certificate is expired or not yet valid."),
    QT_TRANSLATE_NOOP("Messages", "The logo must be a PNG or JPEG file of at most 2 MB."),
    QT_TRANSLATE_NOOP("Messages", "The value must lie between {minimum} and {maximum} (the safe range)."),
    QT_TRANSLATE_NOOP("Messages", "Please enter a number."),
    QT_TRANSLATE_NOOP("Messages", "No form defines this threshold."),
    QT_TRANSLATE_NOOP("Messages", "This form version could not be found."),
    QT_TRANSLATE_NOOP("Messages", "This form version has been retired."),
    QT_TRANSLATE_NOOP("Messages", "This form version is already approved."),
    QT_TRANSLATE_NOOP("Messages", "This record was superseded by a correction. Act on the corrected record."),
    QT_TRANSLATE_NOOP("Messages", "This consent has already been withdrawn."),
    QT_TRANSLATE_NOOP("Messages", "Only a signed consent can be withdrawn."),
    QT_TRANSLATE_NOOP("Messages", "The procedure was performed; the consent can no longer be withdrawn."),
    QT_TRANSLATE_NOOP("Messages", "Please give the reason for the correction in a few words."),
    QT_TRANSLATE_NOOP("Messages", "Change at least one detail."),
    QT_TRANSLATE_NOOP("Messages", "This detail cannot be corrected."),
    QT_TRANSLATE_NOOP("Messages", "The new values are the same as the recorded ones."),
    QT_TRANSLATE_NOOP("Messages", "Only a consent, a refusal or a correction can be corrected."),
    QT_TRANSLATE_NOOP("Messages", "The end date is before the start date."),
    QT_TRANSLATE_NOOP("Messages", "Please give both dates."),
    QT_TRANSLATE_NOOP("Messages", "Type a name, a medical record number or a national ID, or choose a filter."),
    QT_TRANSLATE_NOOP("Messages", "Choose at least one record."),
    QT_TRANSLATE_NOOP("Messages", "Copies: 1 to 20."),
    QT_TRANSLATE_NOOP("Messages", "The folder does not exist."),
    QT_TRANSLATE_NOOP("Messages", "The file name must end in .pdf (or .csv for the manifest)."),
    QT_TRANSLATE_NOOP("Messages", "The manifest and the PDF must be different files."),
    QT_TRANSLATE_NOOP("Messages", "The printer did not accept the job. Check the printer and try again."),
    QT_TRANSLATE_NOOP("Messages", "Give at least 8 characters of the version's fingerprint."),
    QT_TRANSLATE_NOOP("Messages", "The person who withdraws is the patient or the legal representative."),
)
