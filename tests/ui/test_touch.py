"""Touch sizes when Qt has no real screen yet (a monitor switched off at boot: Qt makes
a placeholder screen whose DPI is NaN); the kiosk must start, not crash in a loop."""

from __future__ import annotations

import pytest

from ui.widgets import touch


class _PlaceholderScreen:
    def physicalDotsPerInch(self) -> float:
        return float("nan")


def test_a_placeholder_screen_falls_back_to_96_dpi(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(touch.QGuiApplication, "primaryScreen", lambda: _PlaceholderScreen())
    assert touch.mm_to_px(25.4) == 96
    assert touch.min_target() == touch.MIN_TARGET_PX
