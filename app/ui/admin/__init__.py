"""Administration: one tab per area, each shown only to the roles that may use it.

``window``: the administration window. ``users_page``: staff accounts and roles. ``forms_page``: form
versions, what changed between two, a physician's approval. ``institution_page``: the institution's
names and logo, the signing certificate, the timestamp server and the local settings.
``audit_page``: the audit log and the check of its hash chain.
"""
