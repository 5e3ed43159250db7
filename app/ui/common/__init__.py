"""What every screen uses, whoever it serves.

``services``: the services, built once, and the signed-in staff member. ``style``: the font, the
stylesheet and the layout direction. ``i18n``: the interface translations. ``messages``: errors from the
core in words a nurse understands. ``words``: the names of statuses, kinds, procedures and audit actions
in the interface language. ``widgets``: banners, labelled rows, headings and the spacing constants.
``date_field``: dates typed as digits and checked, with a calendar in the interface language and the local
week. ``layouts``: action rows that wrap, boxes that reflow, scrolling pages. ``wrapping``: check boxes,
radio buttons and texts that wrap instead of being cut. ``screen_fit``: windows sized to their screen.
``file_dialogs``: choosing a file in the interface language. ``pdf_printing``: a PDF drawn on a printer.
``worker``: long work off the UI thread. ``a11y``: accessibility checks (every control has a name a screen
reader can say).
"""
