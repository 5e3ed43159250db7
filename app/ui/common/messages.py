"""Errors from the core, in words a nurse understands, in the interface language.

The core raises typed errors with a code; this table turns codes into translated sentences
(`QCoreApplication.translate`, context "Messages", so lupdate finds them). An unknown code falls
back to a generic sentence; the technical line goes to the log without patient data.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import ConsentError

from .station_messages import station_messages

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def message_for(exc: BaseException, translate=None) -> str:
    """The error in words; ``translate(context, text)`` picks the language (the patient screen's own)."""
    via = translate or QCoreApplication.translate

    def _t(text: str) -> str:  # noqa: F811 - the same name lupdate knows, in the language asked for
        return via("Messages", text)

    code = getattr(exc, "code", "")
    params = getattr(exc, "params", {}) or {}
    texts = {
        "login_failed": _t("Wrong username or password, or the account must wait a few minutes before the "
                           "next attempt."),
        "desk_backoff": _t("Too many failed sign-ins at this desk. Wait a moment and try again."),
        "account_unresolved": _t("This account was changed outside the program. An administrator must "
                                 "resolve it before it can be used."),
        "witness_required": _t("A second staff member must witness: type their username and password."),
        "witness_is_actor": _t("The witness must be another staff member, not you."),
        "password_required": _t("This account's password was changed outside the program: give it a new "
                                "password."),
        "self_resolve": _t("Another administrator must resolve your own account."),
        "protection_missing": _t("The database no longer protects signed records: a protection trigger is "
                                 "missing or altered. An administrator runs 'audit verify' to see what changed, "
                                 "then 'audit protect'."),
        "record_differs_from_seal": _t("The archive's copy of this record differs from its seal. Check the "
                                       "archive (Verify) and tell an administrator."),
        "account_locked": _t("This account is locked after too many attempts. Try again in a few minutes."),
        "account_disabled": _t("This account is disabled. Ask an administrator."),
        "not_logged_in": _t("Please sign in first."),
        "role_not_allowed": _t("Your role does not allow this action."),
        "field_required": _t("Please fill in: {field}."),
        "field_forbidden_character": _t("{field} contains an invisible character. Please type it again."),
        "field_too_long": _t("{field} is too long."),
        "name_has_digits": _t("A name cannot contain digits."),
        "name_bad_character": _t("The name contains a character that is not part of a name."),
        "name_not_arabic": _t("Write the name in Arabic letters."),
        "identifier_invalid": _t("{field} may contain only letters, digits, '-' and '/'."),
        "date_invalid": _t("Please enter the date as year-month-day."),
        "birth_date_out_of_range": _t("The birth date must lie between 1900 and today."),
        "sex_invalid": _t("Please choose the patient's sex."),
        "levels_required": _t("Choose at least one vertebral level."),
        "levels_too_many": _t("Too many levels for one procedure."),
        "level_invalid": _t("That is not a vertebral level."),
        "fracture_date_required": _t("The fracture date is needed for a fracture."),
        "fracture_after_procedure": _t("The fracture date cannot be after the procedure date."),
        "fracture_in_future": _t("The fracture date cannot be in the future."),
        "planned_in_past": _t("The procedure date cannot be in the past."),
        "risk_figure_required": _t("For this indication the physician must state the complication figure."),
        "form_not_approved": _t("This form version is not approved by a physician yet. It can be used for training only."),
        "form_missing": _t("The consent form for this procedure could not be loaded."),
        "identity_not_verified": _t("Verify the patient's identity first."),
        "sections_not_acknowledged": _t("Some sections have not been explained yet."),
        "signatures_missing": _t("Signatures are still missing."),
        "representative_required": _t("The patient is under 18: a legal representative signs for them."),
        "patient_mismatch": _t("A patient with this medical record number is registered with other details. "
                               "Check the identity; a wrong registration is fixed by a correction."),
        "draft_changed": _t("This consent changed while it was being sealed. Please try again."),
        "signature_blank": _t("The signature pad is empty or holds only a dot. Please sign again."),
        "already_signed": _t("This person has already signed."),
        "checklist_answer_invalid": _t("This answer is not valid for the item."),
        "checklist_incomplete": _t("Some required checklist items are not answered."),
        "consent_not_reconfirmed": _t("Reconfirm the consent before completing the verification."),
        "consent_expired": _t("The consent has expired. The patient must consent again."),
        "form_changed": _t("The form changed since signing. The patient must consent again."),
        "override_reason_short": _t("Please give the reason in a few words."),
        "override_unknown": _t("This item does not need an override."),
        "password_too_short": _t("The password must have at least 8 characters."),
        "password_common": _t("This password is too common. Choose another."),
        "password_contains_username": _t("The password must not contain the username."),
        "username_invalid": _t("Username: 2-32 lower-case Latin letters, digits, '.', '_' or '-'."),
        "username_taken": _t("This username is already in use."),
        "certificate_unreadable": _t("The certificate file could not be opened. Check the file and its password."),
        "database_busy": _t("The database is busy. Please try again."),
        "storage_failure": _t("The record could not be saved. Nothing was changed; please try again."),
        "draft_closed": _t("This consent is already completed."),
        "setting_invalid": _t("This setting value is not valid."),
        "already_set_up": _t("The institution is already set up."),
        "password_too_long": _t("The password is too long."),
        "certificate_incomplete": _t("The seal key or certificate file is missing from the data folder."),
        "data_dir_network_share": _t("The data folder is on a network share. The database must be on a local disk."),
        "migration_failed": _t("The database could not be brought up to date. Nothing was changed."),
        # the consent flow's pages
        "indication_invalid": _t("Please choose the indication."),
        "procedure_invalid": _t("Please choose the procedure."),
        "already_signing": _t("Signatures have been collected; the decision can no longer be changed."),
        "mark_not_allowed": _t("Only the patient or the representative may sign with a mark."),
        "too_many_questions": _t("Too many questions are recorded for one consent."),
        "out_is_folder": _t("Please choose a file name, not a folder."),
        "file_unwritable": _t("The file could not be written there. Please choose another place."),
        "record_missing": _t("This record could not be found."),
        "draft_missing": _t("This consent in progress could not be found."),
        "consent_missing": _t("No signed consent was found for this verification."),
        # the archive and administration screens (their Arabic: words.ARCHIVE_MESSAGES)
        "last_admin": _t("This is the last active administrator. Add another administrator first."),
        "self_disable": _t("You cannot disable your own account."),
        "user_missing": _t("This user could not be found."),
        "role_invalid": _t("Please choose a role."),
        "certificate_not_valid_now": _t("The certificate is expired or not yet valid."),
        "logo_invalid": _t("The logo must be a PNG or JPEG file of at most 2 MB."),
        "threshold_out_of_range": _t("The value must lie between {minimum} and {maximum} (the safe range)."),
        "threshold_invalid": _t("Please enter a number."),
        "threshold_unknown": _t("No form defines this threshold."),
        "form_version_missing": _t("This form version could not be found."),
        "form_hash_short": _t("Give at least 8 characters of the version's fingerprint."),
        "form_hash_ambiguous": _t("Give at least 8 characters of the version's fingerprint."),
        "form_retired": _t("This form version has been retired."),
        "form_already_approved": _t("This form version is already approved."),
        "form_label_taken": _t("Another text was already approved under this version label. Give this version "
                               "a new label."),
        "record_superseded": _t("This record was superseded by a correction. Act on the corrected record."),
        "record_withdrawn": _t("This consent has already been withdrawn."),
        "not_withdrawable": _t("Only a signed consent can be withdrawn."),
        "procedure_performed": _t("The procedure was performed; the consent can no longer be withdrawn."),
        "signer_role_invalid": _t("The person who withdraws is the patient or the legal representative."),
        "correction_reason_short": _t("Please give the reason for the correction in a few words."),
        "correction_empty": _t("Change at least one detail."),
        "correction_field_invalid": _t("This detail cannot be corrected."),
        "correction_no_change": _t("The new values are the same as the recorded ones."),
        "not_correctable": _t("Only a consent, a refusal or a correction can be corrected."),
        "date_range_invalid": _t("The end date is before the start date."),
        "date_range_required": _t("Please give both dates."),
        "query_empty": _t("Type a name, a medical record number or a national ID, or choose a filter."),
        "selection_empty": _t("Choose at least one record."),
        "copies_invalid": _t("Copies: 1 to 20."),
        "out_folder_missing": _t("The folder does not exist."),
        "out_suffix": _t("The file name must end in .pdf (or .csv for the manifest)."),
        "out_same_file": _t("The manifest and the PDF must be different files."),
        "print_failed": _t("The printer did not accept the job. Check the printer and try again."),
        # the institution's seal and the trust file (issue 12)
        "institution_seal_missing": _t("No institution seal is set up: only demonstration consents can be sealed. "
                                       "An administrator sets up the hospital's token or certificate."),
        "seal_locked": _t("The seal is locked: sign out and sign in again at this station, giving its PIN or "
                          "passphrase with your password; or an administrator gives it (Administration, "
                          "Institution). The consent is kept."),
        "seal_secret_required": _t("Type the seal's PIN or passphrase."),
        "seal_not_trusted": _t("The seal's certificate does not chain to the trust file installed by IT. "
                               "The desk does not seal with it."),
        "seal_not_registered": _t("The key found is not the registered seal. An administrator must import it."),
        "pkcs12_needs_passphrase": _t("The certificate file must be protected by a passphrase."),
        "pkcs11_pin": _t("The token refused the PIN."),
        "pkcs11_unavailable": _t("The token cannot be opened. Check the module, the token's name and that it "
                                 "is plugged in."),
        "pkcs11_key_missing": _t("The token has no key and certificate with this name."),
        "timestamp_unavailable": _t("The timestamp server did not answer, or its certificate is not trusted."),
        "trust_file_unreadable": _t("The trust file cannot be read. Ask IT to install it."),
        "trust_file_in_data_folder": _t("The trust file must not be in the data folder. Ask IT to install it "
                                        "in its place."),
        "trust_file_unsafe": _t("The trust file can be changed by users other than the administrator. Ask IT "
                                "to fix its permissions."),
        "no_trust_file": _t("No trust file is installed. Ask IT to install it."),
        "validation_data_unavailable": _t("The validation data could not be gathered from the certificate "
                                          "authority."),
        # the consent content (issue 14)
        "team_phones_missing": _t("The team's phone numbers are not set. The patient must be given them: an "
                                  "administrator sets them in Settings."),
        "phone_invalid": _t("Write the number as dialled locally: digits, groups joined by '-' (e.g. 011-234-5678), "
                            "without spaces or '+'."),
        "patient_choices_missing": _t("The patient has not answered the separate questions yet (a biopsy, an "
                                      "additional level)."),
        "patient_choice_unknown": _t("This is not one of the form's questions."),
        "patient_choice_invalid": _t("The answer is yes or no."),
        "anaesthesia_required": _t("Please choose the planned anaesthesia."),
        "anaesthesia_invalid": _t("Please choose the planned anaesthesia."),
        "physician_item": _t("A physician answers this item."),
        "checklist_answer_out_of_range": _t("The value must lie between {minimum} and {maximum}: check for a "
                                            "typing error."),
        "checklist_choice_not_offered": _t("This answer does not fit this patient's indication."),
        "checklist_entry_incomplete": _t("Complete every field of each line."),
        "checklist_entry_repeated": _t("The same medicine is listed twice."),
    }
    texts.update(station_messages(_t))  # several stations (issue 16)
    text = texts.get(code)
    if text is None:
        log.warning("no translation for error code %s", code or type(exc).__name__)
        return _t("The action could not be completed.") + (f" ({code})" if code else "")
    field = params.get("field", "")
    for key in ("minimum", "maximum"):  # the allowed range, in Western digits as the records have them
        if isinstance(params.get(key), (int, float)):
            text = text.replace("{" + key + "}", f"{params[key]:g}")
    return text.replace("{field}", field_label(field, translate) if field else "")


def field_label(field: str, translate=None) -> str:
    via = translate or QCoreApplication.translate

    def _t(text: str) -> str:  # noqa: F811
        return via("Messages", text)

    labels = {
        "name_ar": _t("Name (Arabic)"), "name_latin": _t("Name (Latin)"), "mrn": _t("Medical record number"),
        "national_id": _t("National ID"), "birth_date": _t("Birth date"), "sex": _t("Sex"),
        "fracture_date": _t("Fracture date"), "planned_date": _t("Procedure date"), "question": _t("Question"),
        "institution_name_ar": _t("Institution name (Arabic)"), "institution_name_en": _t("Institution name (English)"),
        "emergency_number": _t("Emergency number"), "query": _t("Search"),
        "risk_figure": _t("Complication figure"), "answer": _t("Answer"), "teach_back": _t("Teach-back answer"),
        "patient.name": _t("Name of the signer"), "representative.name": _t("Name of the signer"),
        "witness.name": _t("Name of the signer"), "interpreter.name": _t("Name of the signer"),
        "representative.relationship": _t("Relationship to the patient"),
        "representative.reason": _t("Why the patient cannot decide"),
        "interpreter.language": _t("Language interpreted"), "override.reason": _t("Reason"),
        "anaesthesia": _t("Planned anaesthesia"), "consultant": _t("Responsible consultant"),
        "team_phone_day": _t("The team's number in working hours"),
        "team_phone_after_hours": _t("The team's number after hours"),
    }
    return labels.get(field, field)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if not isinstance(exc, ConsentError):
        log.error("unexpected error: %s", type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
    box = QMessageBox(QMessageBox.Warning, _t("Cannot continue"), message_for(exc), QMessageBox.Ok, parent)
    box.setAccessibleName(_t("Error message"))
    box.exec()
