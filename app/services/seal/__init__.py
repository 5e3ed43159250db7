"""The institution's seal, in three steps: the key that seals (``keeper``: which key signs, which
certificates verify), sealing a record (``sealing``: canonical record, SHA-256, PDF, seal, stored with
its audit event in one transaction), and checking a seal (``verify``: a sealed PDF against the trusted
certificates and the archive). "Verify" in this program means this, and only this.
"""
