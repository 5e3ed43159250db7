"""Use cases, one module each, called by both faces: the command line (app/cli/) and the desk (app/ui).

``context``: what every service receives (database, clock, audit log, forms, seal keeper).
``auth``, ``passwords``: signing in, lockout, re-entering a password for a clinical act; hashing.
``first_run``: the institution's names, the first administrator and the signing certificate.
``settings``, ``users``, ``institution``, ``forms``: typed settings; staff accounts; the institution's
names, logo, certificate and timestamp server; form versions and a physician's approval.
``today``, ``consent``, ``patient_session``, ``readiness``, ``outcomes``, ``records``: the desk's day,
the consent at the desk, the patient's side of it, the nurse's pre-procedure readiness check,
withdrawal and correction after signing, and one sealed record printed or copied.
``seal``: the institution's seal (the key, sealing a record, checking a seal).
``archive``, ``export``, ``backup``, ``audit``: finding and checking stored records, export and print
bundles, backup and restore, the audit trail.
``demo``, ``files``: the workflow headless with synthetic data; files written whole or not at all.
"""
