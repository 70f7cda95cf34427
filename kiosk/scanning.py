"""From camera frames and USB scanners to badge texts: decoders, frame sources, wedge scanners.

Three independent pieces, all plain Python so the Qt worker in ``ui/workers.py`` only calls
them and emits signals:

- **decoders** turn one frame (a numpy array as OpenCV gives it) into the QR texts in it.
  Two backends: zxing-cpp (the default: ``bench/bench_decode.py`` shows it reads more
  damaged badges, faster) and pyzbar (needs the system library libzbar0). Both read QR
  codes only: a badge is never another symbology, and looking for none saves time.
- **frame sources** wrap ``cv2.VideoCapture`` for cameras and videos, and replay still
  images or a folder of them, so tests and demos run without a camera.
- **WedgeDetector** tells a USB "keyboard wedge" scanner (which types the badge text and
  Enter in a burst) apart from a person typing on the same keyboard.

Nothing here paces or threads: a source's ``read`` returns as soon as it has a frame
(cameras block until the next one, file sources never wait), and the caller decides how
often to read.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final, Literal, Protocol, cast, get_args

import cv2
import numpy as np
from numpy.typing import NDArray

Frame = NDArray[np.uint8]
"""An image as OpenCV gives it: ``(h, w, 3)`` BGR or ``(h, w)`` grayscale, uint8."""

Decoder = Callable[[Frame], list[str]]
"""A decode function: frame in, decoded QR texts out (deduplicated, in the order found)."""

DecoderBackend = Literal["zxing", "pyzbar"]
BACKENDS: Final[tuple[DecoderBackend, ...]] = get_args(DecoderBackend)
DEFAULT_BACKEND: Final[DecoderBackend] = "zxing"
_LIBRARY_NAMES: Final[dict[DecoderBackend, str]] = {"zxing": "zxing-cpp", "pyzbar": "pyzbar"}

_log = logging.getLogger(__name__)


class DecoderUnavailable(RuntimeError):
    """A decoder backend cannot be loaded on this machine (library or package missing)."""


class SourceUnavailable(OSError):
    """A frame source cannot be opened: no such camera, file or folder, or nothing to show."""


# --------------------------------------------------------------------------------- decoders


def _to_gray(frame: Frame) -> Frame:
    if frame.ndim == 2:
        gray = frame
    elif frame.ndim == 3 and frame.shape[2] == 3:
        gray = cast(Frame, cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY))
    elif frame.ndim == 3 and frame.shape[2] == 4:
        gray = cast(Frame, cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY))
    elif frame.ndim == 3 and frame.shape[2] == 1:
        gray = frame[:, :, 0]
    else:
        raise ValueError(f"expected a grayscale or BGR image, got an array of shape {frame.shape}")
    if gray.dtype != np.uint8:
        raise ValueError(f"expected 8-bit pixels (uint8), got {gray.dtype}")
    # Both libraries read the pixel buffer directly: it must be one contiguous block.
    return np.ascontiguousarray(gray)


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _check_backend(backend: str) -> DecoderBackend:
    for name in BACKENDS:
        if backend == name:
            return name
    valid = ", ".join(repr(name) for name in BACKENDS)
    raise ValueError(f"unknown QR decoder {backend!r}: choose one of {valid}")


def _make_zxing() -> Decoder:
    try:
        import zxingcpp
    except ImportError as exc:
        raise DecoderUnavailable(
            f"zxing-cpp is not installed (pip install zxing-cpp): {exc}"
        ) from exc
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)

    def decode_zxing(frame: Frame) -> list[str]:
        # try_rotate only matters for 1D barcodes; QR detection finds any rotation anyway.
        found = zxingcpp.read_barcodes(_to_gray(frame), formats=qr_only, try_rotate=False)
        return _unique([str(code.text) for code in found if code.valid])

    return decode_zxing


def _make_pyzbar() -> Decoder:
    try:
        # pyzbar raises ImportError when it cannot find libzbar, and ctypes may raise OSError
        # when the library is found but cannot be loaded.
        from pyzbar.pyzbar import ZBarSymbol
        from pyzbar.pyzbar import decode as zbar_decode
    except (ImportError, OSError) as exc:
        raise DecoderUnavailable(
            f"pyzbar cannot load libzbar (install the Debian package libzbar0): {exc}"
        ) from exc
    qr_only = [ZBarSymbol.QRCODE]

    def decode_pyzbar(frame: Frame) -> list[str]:
        found = zbar_decode(_to_gray(frame), symbols=qr_only)
        return _unique([code.data.decode("utf-8", errors="replace") for code in found])

    return decode_pyzbar


def make_decoder(backend: str) -> Decoder:
    """Return the decode function of ``backend`` ("zxing" or "pyzbar").

    The library is imported here, not at module import, so a kiosk without libzbar still
    starts. Raises ``ValueError`` for an unknown name and ``DecoderUnavailable`` when the
    library cannot be loaded.
    """
    if _check_backend(backend) == "zxing":
        return _make_zxing()
    return _make_pyzbar()


def load_decoder(preferred: str, log: logging.Logger | None = None) -> tuple[str, Decoder]:
    """Load the preferred backend, or the other one if it is unavailable (with a warning).

    Returns ``(backend name actually used, decode function)``. Raises ``ValueError`` for an
    unknown name, and ``DecoderUnavailable`` only if neither backend loads.
    """
    log = log or _log
    first = _check_backend(preferred)
    try:
        return first, make_decoder(first)
    except DecoderUnavailable as first_problem:
        other = next(name for name in BACKENDS if name != first)
        try:
            decoder = make_decoder(other)
        except DecoderUnavailable as second_problem:
            raise DecoderUnavailable(
                f"no QR decoder can be loaded: {first_problem}; {second_problem}"
            ) from second_problem
        log.warning("%s; using %s instead", first_problem, _LIBRARY_NAMES[other])
        return other, decoder


# ---------------------------------------------------------------------------- frame sources

IMAGE_SUFFIXES: Final = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"})
CAMERA_SIZE: Final = (640, 480)
FOLDER_CACHE_LIMIT: Final = 200
"""A folder source keeps at most this many decoded images in memory (640x480 BGR: ~0.9 MB
each); images past the limit are read from disk each time they come round."""


class FrameSource(Protocol):
    """Where frames come from. ``read`` returns None when there is no frame right now."""

    description: str

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class CaptureSource:
    """A camera (index or device path) or a stream URL, through ``cv2.VideoCapture``."""

    def __init__(self, capture: cv2.VideoCapture, description: str) -> None:
        self._capture = capture
        self.description = description

    def read(self) -> Frame | None:
        ok, frame = self._capture.read()
        return cast(Frame, frame) if ok else None

    def close(self) -> None:
        self._capture.release()


class VideoFileSource:
    """A video file, played from the start again when it ends (for demos and tests)."""

    def __init__(self, capture: cv2.VideoCapture, description: str) -> None:
        self._capture = capture
        self.description = description

    def read(self) -> Frame | None:
        ok, frame = self._capture.read()
        if not ok:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        return cast(Frame, frame) if ok else None

    def close(self) -> None:
        self._capture.release()


class StillImageSource:
    """One image file, returned on every read (a copy, so callers may draw on it)."""

    def __init__(self, frame: Frame, description: str) -> None:
        self._frame = frame
        self.description = description

    def read(self) -> Frame | None:
        return self._frame.copy()

    def close(self) -> None:
        pass


class ImageFolderSource:
    """The images of a folder in name order, each shown for ``hold_frames`` reads, looping.

    Decoded images are cached (up to ``FOLDER_CACHE_LIMIT``) so a replay loop does not
    read and decode the same files again and again. A file that cannot be decoded is
    skipped with a warning; if none can be, ``read`` returns None.
    """

    def __init__(self, paths: list[Path], description: str, hold_frames: int = 1) -> None:
        if hold_frames < 1:
            raise ValueError(f"hold_frames must be at least 1, got {hold_frames}")
        self._paths = paths
        self._hold = hold_frames
        self._cache: dict[int, Frame] = {}
        self._unreadable: set[int] = set()
        self._index = 0
        self._shown = 0
        self.description = description

    def read(self) -> Frame | None:
        for _ in range(len(self._paths)):
            if self._shown >= self._hold:
                self._index = (self._index + 1) % len(self._paths)
                self._shown = 0
            frame = self._load(self._index)
            if frame is not None:
                self._shown += 1
                return frame.copy()
            self._shown = self._hold  # move on to the next file
        return None

    def _load(self, index: int) -> Frame | None:
        if index in self._unreadable:
            return None
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        frame = _imread(self._paths[index])
        if frame is None:
            _log.warning("cannot read image %s; skipping it", self._paths[index])
            self._unreadable.add(index)
        elif len(self._cache) < FOLDER_CACHE_LIMIT:
            self._cache[index] = frame
        return frame

    def close(self) -> None:
        self._cache.clear()


def _imread(path: Path) -> Frame | None:
    # imread returns None (it does not raise) for a missing or undecodable file.
    return cast("Frame | None", cv2.imread(str(path), cv2.IMREAD_COLOR))


def _natural_key(path: Path) -> list[tuple[int, int | str]]:
    # "2.png" before "10.png", as a person numbering photos expects.
    parts = re.split(r"(\d+)", path.name.lower())
    return [(1, int(part)) if part.isdigit() else (0, part) for part in parts if part]


def _open_camera(spec: str, target: int | str) -> CaptureSource:
    if isinstance(target, str) and sys.platform.startswith("linux"):
        capture = cv2.VideoCapture(target, cv2.CAP_V4L2)
    else:
        capture = cv2.VideoCapture(target)
    if not capture.isOpened():
        capture.release()
        raise SourceUnavailable(f"cannot open camera {spec!r} (unplugged, or used by a program?)")
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, CAMERA_SIZE[0])
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, CAMERA_SIZE[1])
    return CaptureSource(capture, f"camera {spec}")


def open_source(spec: str, hold_frames: int = 1) -> FrameSource:
    """Open a frame source from a setting or command-line string.

    ``spec`` is a camera index ("0"), a device path ("/dev/video2"), a stream URL
    ("rtsp://..."), a video file (played in a loop), an image file (the same frame on every
    read) or a folder of images (name order, each for ``hold_frames`` reads, in a loop).
    Raises ``SourceUnavailable`` naming ``spec`` when there is nothing to read from.
    """
    spec = spec.strip()
    if spec.isdigit():
        return _open_camera(spec, int(spec))
    if "://" in spec:
        capture = cv2.VideoCapture(spec)
        if not capture.isOpened():
            capture.release()
            raise SourceUnavailable(f"cannot open the video stream {spec!r}")
        return CaptureSource(capture, f"stream {spec}")

    path = Path(spec).expanduser()
    if spec.startswith("/dev/"):
        if not path.exists():
            raise SourceUnavailable(f"cannot open camera {spec!r}: no such device")
        return _open_camera(spec, spec)
    if path.is_dir():
        images = sorted(
            (p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()),
            key=_natural_key,
        )
        if not images:
            suffixes = ", ".join(sorted(IMAGE_SUFFIXES))
            raise SourceUnavailable(f"no images ({suffixes}) in the folder {spec!r}")
        return ImageFolderSource(images, f"{len(images)} images in {spec}", hold_frames)
    if not path.is_file():
        raise SourceUnavailable(f"no camera, file or folder called {spec!r}")
    if path.suffix.lower() in IMAGE_SUFFIXES:
        frame = _imread(path)
        if frame is None:
            raise SourceUnavailable(f"cannot read the image {spec!r}")
        return StillImageSource(frame, f"image {spec}")
    # Any other file: whatever OpenCV's FFmpeg can play (mp4, avi, mkv, webm, mov, gif...).
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        capture.release()
        raise SourceUnavailable(f"cannot read {spec!r} as a video")
    return VideoFileSource(capture, f"video {spec}")


# -------------------------------------------------------------------- keyboard-wedge scanner


class WedgeDetector:
    """Recognise a USB barcode scanner that types like a keyboard ("keyboard wedge").

    Such a scanner types the whole badge text and then Enter, one key every 1-5 ms; a
    person types a key every 80 ms or more (even a fast typist rarely goes under 60 ms).
    So a scan is:

    - at least ``min_length`` characters (default 6; the shortest thing we care about, a
      typed-in short code, is 8),
    - each arriving at most ``max_gap`` seconds (default 0.035 s) after the previous one,
    - then Enter ("\\n" or "\\r") at most ``2 * max_gap`` after the last character (some
      scanners pause a little before the suffix key).

    A character that comes later than ``max_gap`` after the previous one starts a new
    buffer, so keys a person types are never taken as (part of) a scan. A burst of one
    repeated character is a held-down key (auto-repeat is ~30 keys/s), not a scan. Keys
    without text ("" from Shift, which scanners press for capitals) are ignored; any other
    control character or multi-character text ends the burst.

    Timestamps are ``time.monotonic()``-style seconds, from the key event.
    """

    def __init__(self, min_length: int = 6, max_gap: float = 0.035) -> None:
        if min_length < 1:
            raise ValueError(f"min_length must be at least 1, got {min_length}")
        if max_gap <= 0:
            raise ValueError(f"max_gap must be positive, got {max_gap}")
        self.min_length = min_length
        self.max_gap = max_gap
        self._buffer: list[str] = []
        self._last_t = 0.0

    def feed(self, char: str, t: float) -> str | None:
        """Take one key; return the scanned text when this Enter ends a scan, else None."""
        if char == "":
            return None
        gap = t - self._last_t
        if char in ("\n", "\r"):
            text = "".join(self._buffer)
            is_scan = (
                len(self._buffer) >= self.min_length
                and gap <= 2 * self.max_gap
                and len(set(self._buffer)) > 1
            )
            self.reset()
            return text if is_scan else None
        if len(char) != 1 or not char.isprintable():
            self.reset()
            return None
        if self._buffer and gap > self.max_gap:
            self._buffer.clear()
        self._buffer.append(char)
        self._last_t = t
        return None

    def pending(self) -> bool:
        """True while characters are held that may still turn out to be a scan."""
        return bool(self._buffer)

    def reset(self) -> None:
        """Forget the held characters (e.g. when the screen changes)."""
        self._buffer.clear()
