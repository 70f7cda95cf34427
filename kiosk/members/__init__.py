"""Members: registration and import (``registration``), what staff do with them
(``actions``), and the one rule that says whose a badge is (``owner``)."""
