"""The central server (FastAPI), installed with the extra ``fablab-kiosk[server]``.

Kiosks push their events to it and pull what other kiosks changed (docs/sync-api.md).
Only this package imports FastAPI, uvicorn and psycopg; the command line imports it
lazily, so ``fablab-kiosk`` without the extra works for everything else.
"""
