"""The desktop face (PySide6; the only package that imports Qt), one package per kind of user.

``launch``: starts the program, the first window first and the data folder afterwards.
``desk``: the nurse and the physician (sign-in, Today, the consent flow, the readiness check).
``patient``: the patient's screen. ``archive``: the stored records. ``admin``: administration.
``common``: what all of them use.
"""
