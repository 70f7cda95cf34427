"""``fablab-kiosk`` commands that need no Qt, one module per command group; ``main``
builds the parser."""
