"""Looking after a kiosk in the field: ``doctor`` and its device checks, nightly backups
and their restore."""
