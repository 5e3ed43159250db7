"""The archive: every sealed record, for the staff who look after them.

``window``: search, results, the chosen record's preview and the actions on records, each shown only
to the roles that may use it. ``search``: the search bar and its results. ``preview``: one record,
its status, linked records and history. ``verify``: checking the seals of one record, a selection or
the whole archive. ``export_dialog``: a date range as one print-ready PDF and a CSV manifest.
``print_dialog`` and ``printing``: printing records, and where a print goes. ``outcome_dialogs``: a
withdrawal or a correction after signing, each sealed as a new record.
"""
