"""Shared by every test: nothing here imports Qt (tests/kiosk must run without it)."""
