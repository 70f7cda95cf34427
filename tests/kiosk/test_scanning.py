"""Decoders, frame sources and the keyboard-wedge detector of kiosk.scanning."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import cast

import cv2
import numpy as np
import pytest
import qrcode
from numpy.typing import NDArray

from kiosk.scanning import (
    BACKENDS,
    DEFAULT_BACKEND,
    Decoder,
    DecoderUnavailable,
    SourceUnavailable,
    WedgeDetector,
    load_decoder,
    make_decoder,
    open_source,
)

TOKEN = "FLK1.K7Q2.ABCD1234.1.ABCDEFGHJKMNPQRS"
OTHER_TOKEN = "FLK1.K7Q2.ZZZZ9999.2.0123456789ABCDEF"
# Real QR photos shared between projects: ../shared beside the repository's root.
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "qr-photos" / "qrcode-1"


def qr_image(text: str, module_px: int = 5) -> NDArray[np.uint8]:
    """A grayscale QR of ``text`` at error correction Q, with its quiet zone."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    modules = np.array(qr.get_matrix(), dtype=bool)
    small = np.where(modules, 0, 255).astype(np.uint8)
    return np.kron(small, np.ones((module_px, module_px), dtype=np.uint8))


def scene(*codes: NDArray[np.uint8], color: bool = True) -> NDArray[np.uint8]:
    """A 640x480 light grey frame with the given QR images side by side."""
    frame = np.full((480, 640), 200, dtype=np.uint8)
    x = 20
    for code in codes:
        h, w = code.shape
        frame[60 : 60 + h, x : x + w] = code
        x += w + 20
    if not color:
        return frame
    return cast(NDArray[np.uint8], cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))


def decoder_or_skip(backend: str) -> Decoder:
    try:
        return make_decoder(backend)
    except DecoderUnavailable as exc:
        pytest.skip(f"{backend} is not available here: {exc}")


# ----------------------------------------------------------------------------- decoders


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_backend_reads_a_clean_badge(backend: str) -> None:
    decode = decoder_or_skip(backend)
    assert decode(scene(qr_image(TOKEN))) == [TOKEN]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_frame_without_a_badge_gives_nothing(backend: str) -> None:
    decode = decoder_or_skip(backend)
    assert decode(np.full((480, 640, 3), 128, dtype=np.uint8)) == []
    assert decode(np.zeros((480, 640), dtype=np.uint8)) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_grayscale_frames_are_read_too(backend: str) -> None:
    decode = decoder_or_skip(backend)
    assert decode(scene(qr_image(TOKEN), color=False)) == [TOKEN]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_non_contiguous_frame_is_read(backend: str) -> None:
    # e.g. a crop of the camera frame, or a frame flipped for a mirror preview
    decode = decoder_or_skip(backend)
    frame = scene(qr_image(TOKEN))[:, 5:]
    assert not frame.flags.c_contiguous
    assert decode(frame) == [TOKEN]


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_badges_are_both_read_and_the_same_badge_only_once(backend: str) -> None:
    decode = decoder_or_skip(backend)
    assert sorted(decode(scene(qr_image(TOKEN), qr_image(OTHER_TOKEN)))) == sorted(
        [TOKEN, OTHER_TOKEN]
    )
    assert decode(scene(qr_image(TOKEN), qr_image(TOKEN))) == [TOKEN]


def test_unknown_backend_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="'zxing', 'pyzbar'"):
        make_decoder("opencv")
    with pytest.raises(ValueError, match="'zxing', 'pyzbar'"):
        load_decoder("zbar")


def test_the_preferred_backend_is_used_when_it_loads() -> None:
    name, decode = load_decoder("zxing")
    assert name == "zxing"
    assert decode(scene(qr_image(TOKEN))) == [TOKEN]


def test_missing_libzbar_falls_back_to_zxing_with_a_plain_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A None entry in sys.modules makes the import fail as if pyzbar could not load.
    monkeypatch.setitem(sys.modules, "pyzbar.pyzbar", None)
    with pytest.raises(DecoderUnavailable, match="libzbar0"):
        make_decoder("pyzbar")

    log = logging.getLogger("test.scanning")
    with caplog.at_level(logging.WARNING, logger="test.scanning"):
        name, decode = load_decoder("pyzbar", log)

    assert name == "zxing"
    assert decode(scene(qr_image(TOKEN))) == [TOKEN]
    assert "libzbar0" in caplog.text
    assert "using zxing-cpp instead" in caplog.text


def test_missing_zxing_falls_back_to_pyzbar(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    decoder_or_skip("pyzbar")
    monkeypatch.setitem(sys.modules, "zxingcpp", None)
    with caplog.at_level(logging.WARNING):
        name, decode = load_decoder("zxing")
    assert name == "pyzbar"
    assert decode(scene(qr_image(TOKEN))) == [TOKEN]
    assert "zxing-cpp is not installed" in caplog.text


def test_no_decoder_at_all_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyzbar.pyzbar", None)
    monkeypatch.setitem(sys.modules, "zxingcpp", None)
    with pytest.raises(DecoderUnavailable, match="no QR decoder"):
        load_decoder(DEFAULT_BACKEND)


@pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the QR photo corpus is absent: expected at {CORPUS} (../shared beside the repo)",
)
def test_the_default_backend_reads_real_photos() -> None:
    decode = make_decoder(DEFAULT_BACKEND)
    photos = sorted(CORPUS.glob("*.webp"))
    assert len(photos) == 8
    read = [
        photo.name
        for photo in photos
        # bytes, not read_text(): the expected texts hold "\r\n" that must not become "\n"
        if photo.with_suffix(".txt").read_bytes().decode("utf-8").strip()
        in [text.strip() for text in decode(cast(NDArray[np.uint8], cv2.imread(str(photo))))]
    ]
    assert len(read) >= 6, f"read only {read}"


# ------------------------------------------------------------------------ frame sources


def write_image(path: Path, value: int) -> Path:
    assert cv2.imwrite(str(path), np.full((48, 64, 3), value, dtype=np.uint8))
    return path


def level(frame: NDArray[np.uint8] | None) -> int:
    assert frame is not None
    return round(float(frame.mean()))


def test_a_single_image_is_returned_on_every_read(tmp_path: Path) -> None:
    path = tmp_path / "badge.png"
    assert cv2.imwrite(str(path), scene(qr_image(TOKEN)))
    source = open_source(str(path))
    first = source.read()
    assert first is not None and first.shape == (480, 640, 3)
    first[:] = 0  # a caller drawing on its frame must not change the next one
    second = source.read()
    assert second is not None
    assert make_decoder(DEFAULT_BACKEND)(second) == [TOKEN]
    assert str(path) in source.description
    source.close()


def test_a_folder_is_replayed_in_name_order_in_a_loop(tmp_path: Path) -> None:
    for name, value in [("10.png", 30), ("2.jpg", 20), ("1.webp", 10), ("3.bmp", 25)]:
        write_image(tmp_path / name, value)
    (tmp_path / "notes.txt").write_text("not an image")
    source = open_source(str(tmp_path))
    levels = [level(source.read()) for _ in range(5)]
    assert levels == [10, 20, 25, 30, 10]


def test_a_folder_holds_each_image_for_hold_frames_reads(tmp_path: Path) -> None:
    write_image(tmp_path / "a.png", 10)
    write_image(tmp_path / "b.png", 200)
    source = open_source(str(tmp_path), hold_frames=3)
    assert [level(source.read()) for _ in range(7)] == [10, 10, 10, 200, 200, 200, 10]


def test_a_folder_loop_does_not_read_the_files_again(tmp_path: Path) -> None:
    paths = [write_image(tmp_path / f"{i}.png", 10 * i) for i in range(3)]
    source = open_source(str(tmp_path))
    first_loop = [level(source.read()) for _ in range(3)]
    for path in paths:
        path.unlink()
    assert [level(source.read()) for _ in range(3)] == first_loop


def test_a_broken_image_in_a_folder_is_skipped(tmp_path: Path) -> None:
    write_image(tmp_path / "1.png", 10)
    (tmp_path / "2.png").write_bytes(b"not a png")
    write_image(tmp_path / "3.png", 30)
    source = open_source(str(tmp_path))
    assert [level(source.read()) for _ in range(3)] == [10, 30, 10]


def test_a_video_file_loops_back_to_its_start(tmp_path: Path) -> None:
    path = tmp_path / "demo.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (64, 48))
    assert writer.isOpened()
    values = [20, 80, 140, 200]
    for value in values:
        writer.write(np.full((48, 64, 3), value, dtype=np.uint8))
    writer.release()

    source = open_source(str(path))
    seen = [level(source.read()) for _ in range(len(values) + 2)]
    # MJPG is lossy: allow a few grey levels of difference
    assert np.allclose(seen, [*values, *values[:2]], atol=3), seen
    source.close()


def test_a_missing_camera_is_named_in_the_error() -> None:
    with pytest.raises(SourceUnavailable, match="/dev/video99"):
        open_source("/dev/video99")


def test_a_missing_file_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match=r"nothing-here\.mp4"):
        open_source(str(tmp_path / "nothing-here.mp4"))


def test_a_folder_without_images_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match="no images"):
        open_source(str(tmp_path))
    (tmp_path / "README.md").write_text("photos go here")
    with pytest.raises(SourceUnavailable, match="no images"):
        open_source(str(tmp_path))


def test_source_unavailable_is_an_os_error() -> None:
    assert issubclass(SourceUnavailable, OSError)


# --------------------------------------------------------------------- keyboard wedge


def type_keys(
    detector: WedgeDetector, keys: str, start: float, gap: float
) -> tuple[list[str | None], float]:
    """Feed ``keys`` one every ``gap`` seconds; return what feed() said and the last time."""
    results = []
    t = start
    for i, key in enumerate(keys):
        t = start + i * gap
        results.append(detector.feed(key, t))
    return results, t


def test_a_scanner_burst_ending_with_enter_is_a_scan() -> None:
    detector = WedgeDetector()
    results, _ = type_keys(detector, TOKEN + "\r", start=100.0, gap=0.003)
    assert results[:-1] == [None] * len(TOKEN)
    assert results[-1] == TOKEN
    assert not detector.pending()


def test_a_scanner_that_pauses_before_enter_is_still_a_scan() -> None:
    detector = WedgeDetector()
    _, t = type_keys(detector, TOKEN, start=5.0, gap=0.004)
    assert detector.pending()
    assert detector.feed("\n", t + 0.060) == TOKEN


def test_enter_long_after_a_burst_is_not_a_scan() -> None:
    detector = WedgeDetector()
    _, t = type_keys(detector, TOKEN, start=5.0, gap=0.004)
    assert detector.feed("\n", t + 0.300) is None


def test_a_person_typing_is_never_a_scan() -> None:
    detector = WedgeDetector()
    results, _ = type_keys(detector, "8M3XQ2TB\n", start=0.0, gap=0.150)
    assert results == [None] * 9


def test_a_burst_interrupted_by_a_slow_key_is_not_a_scan() -> None:
    detector = WedgeDetector()
    _, t = type_keys(detector, TOKEN, start=0.0, gap=0.003)
    assert detector.feed("X", t + 0.150) is None
    assert detector.feed("\r", t + 0.153) is None
    # and the next real scan is read whole, without the stray key
    results, _ = type_keys(detector, TOKEN + "\r", start=10.0, gap=0.003)
    assert results[-1] == TOKEN


def test_a_short_burst_is_not_a_scan() -> None:
    detector = WedgeDetector(min_length=6)
    results, _ = type_keys(detector, "ABCDE\n", start=0.0, gap=0.002)
    assert results[-1] is None
    results, _ = type_keys(detector, "ABCDEF\n", start=1.0, gap=0.002)
    assert results[-1] == "ABCDEF"


def test_a_held_down_key_is_not_a_scan() -> None:
    # keyboard auto-repeat sends ~30 keys a second, inside max_gap
    detector = WedgeDetector()
    results, _ = type_keys(detector, "aaaaaaaaaaaa\n", start=0.0, gap=0.030)
    assert results[-1] is None


def test_shift_presses_without_text_do_not_break_a_scan() -> None:
    detector = WedgeDetector()
    t = 0.0
    for key in TOKEN:
        t += 0.002
        assert detector.feed("", t) is None  # Shift, as scanners press it for capitals
        t += 0.002
        assert detector.feed(key, t) is None
    assert detector.feed("\r", t + 0.003) == TOKEN
    assert detector.feed("\n", t + 0.004) is None  # the \n of a \r\n suffix


def test_pending_is_false_after_reset() -> None:
    detector = WedgeDetector()
    type_keys(detector, "FLK1", start=0.0, gap=0.003)
    assert detector.pending()
    detector.reset()
    assert not detector.pending()
