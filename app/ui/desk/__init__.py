"""The desk: the nurse and the physician at the pre-procedure desk.

``window``: the program's main window (the shell): a header over a stack of pages, the first-run and
sign-in screens, the idle lock; the archive and administration open from its header. ``first_run``,
``login``, ``idle_lock``, ``settings_dialog``. ``today_page``: today's consents and their readiness,
and finding a patient. ``consent_flow``: the flow of one consent, page by page: ``patient_page`` (with
``spine_picker``), ``discussion_page``, ``signing_page`` (with ``override_dialog``), ``record_page``,
then ``readiness_page``: the nurse's pre-procedure readiness check.
"""
