"""The vertebroplasty consent desk.

Layers (imports point down only): cli/ui -> services -> documents/storage -> domain.
Only ``app.ui`` may import PySide6.
"""
