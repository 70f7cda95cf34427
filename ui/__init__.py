"""fablab-kiosk screens: PySide6 only, thin over the ``kiosk`` core."""
