"""The pictograms on the choices visitors make (resources/pictograms: one drawing style,
a dark figure on a white tile, readable on a blue or a black button from a metre away):
the ways in, the purposes of a visit, the spaces, the kinds of machine."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QPushButton

from ui.widgets.touch import min_target

ICON_SHARE = 0.72  # of a button's height: big, with the button's border still around it


def pictogram_path(name: str) -> Path | None:
    path = Path(str(resources.files("resources").joinpath("pictograms", f"{name}.svg")))
    return path if path.is_file() else None


@cache
def _icon(path: Path) -> QIcon:
    return QIcon(str(path))


def show_pictogram(button: QPushButton, *names: str) -> bool:
    """The first of *names* that has a drawing goes on *button*, left of its words
    (False: none has one, the button keeps its words alone)."""
    for name in names:
        path = pictogram_path(name)
        if path is not None:
            side = round(max(button.minimumHeight(), min_target()) * ICON_SHARE)
            button.setIcon(_icon(path))
            button.setIconSize(QSize(side, side))
            return True
    return False


def pictogram_pixmap(path: Path, size: QSize, ratio: float = 1.0) -> QPixmap:
    """The drawing at *size* (sharp on a high-density screen too)."""
    pixmap = _icon(path).pixmap(size, ratio)
    return pixmap
