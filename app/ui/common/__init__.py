"""What every screen uses, whoever it serves.

``services``: the services, built once, and the signed-in staff member. ``style``: the font, the
stylesheet and the layout direction. ``i18n``: the interface translations. ``messages``: errors from the
core in words a nurse understands. ``words``: the names of statuses, kinds, procedures and audit actions
in the interface language. ``widgets``: banners, labelled rows, headings and the spacing constants.
``iso_dates``: ISO dates that read left to right in a right-to-left interface. ``worker``: long work off
the UI thread. ``a11y``: accessibility checks (every control has a name a screen reader can say).
"""
