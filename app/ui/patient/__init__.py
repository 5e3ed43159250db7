"""The patient's screen: what the patient (or the legal representative) sees and touches.

``window``: the patient screen itself, full screen on the screen chosen in settings (``screens``),
locked as a kiosk (``kiosk``). ``review``: reading one section at a time, then the review of what will
be printed. ``signing``: signing on the patient's screen. ``signature_pad``: the pen, touch or mouse pad
(also used at the desk for the physician and in the archive for a withdrawal). ``read_aloud``: the
patient's text read aloud when an Arabic voice is installed.
"""
