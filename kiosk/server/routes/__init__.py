"""One module per resource of API v1 (docs/sync-api.md)."""
