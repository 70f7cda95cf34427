"""fablab-kiosk core: everything that is not Qt (importable and testable without PySide6)."""

__version__ = "0.1.0"
