"""QR decoder benchmark: which backend reads more damaged badges, and how fast.

Run with ``python bench/bench_decode.py`` (or ``make bench``). It builds, in memory and
from a fixed seed, webcam-like 640x480 scenes of badges (a token of the kiosk's format,
QR at error correction Q, on a white card held ~40 cm from the camera) in several kinds of
damage, then times each backend of ``kiosk.scanning`` on them at 640x480 and 1280x720 and
counts exact reads. It also reads the real photos of ``../shared/corpus/qr-photos``
(beside the repository) when that folder exists. Nothing is written to disk.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import qrcode
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.scanning import BACKENDS, Decoder, DecoderUnavailable, make_decoder

Image = NDArray[np.uint8]

SEED = 20240611
PER_CATEGORY = 30
SCENE_W, SCENE_H = 640, 480
# Real QR photos shared between projects: ../shared beside the repository's root.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "qr-photos"
REAL_SETS = ("qrcode-1", "qrcode-2")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp"}
TARGET_MS = 2.0
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


# ------------------------------------------------------------------------------ the scenes


def make_token(rng: random.Random) -> str:
    def part(n: int) -> str:
        return "".join(rng.choice(CROCKFORD) for _ in range(n))

    return f"FLK1.{part(4)}.{part(8)}.{rng.randint(1, 3)}.{part(16)}"


def qr_modules(token: str) -> NDArray[np.bool_]:
    """The QR of ``token`` at error correction Q, as a boolean array (True = dark), no border."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
    qr.add_data(token)
    qr.make(fit=True)
    return np.array(qr.get_matrix(), dtype=bool)


def badge_card(modules: NDArray[np.bool_], module_px: int, dark: int, light: int) -> Image:
    """A printed badge: the QR with a 4-module quiet zone, on a card a bit wider than tall."""
    n = modules.shape[0]
    qr = np.where(modules, dark, light).astype(np.uint8)
    qr = np.kron(qr, np.ones((module_px, module_px), dtype=np.uint8))
    margin = 4 * module_px
    side = n * module_px + 2 * margin
    card = np.full((int(side * 1.35), side), light, dtype=np.uint8)
    top = int(side * 0.3)  # room above the code for a name and a logo
    card[top + margin : top + margin + n * module_px, margin : margin + n * module_px] = qr
    # a "name" line of darker blobs above the code, like printed text
    y = top // 3
    for x in range(margin, side - margin, max(3, module_px * 3)):
        card[y : y + max(2, module_px), x : x + max(2, module_px * 2)] = dark
    return card


def background(rng: random.Random, nprng: np.random.Generator) -> Image:
    """A grey room: a lighting gradient plus a few objects (door frame, poster, shelf)."""
    y, x = np.mgrid[0:SCENE_H, 0:SCENE_W].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    base = rng.uniform(90, 170)
    grad = base + rng.uniform(20, 60) * ((x * math.cos(angle) + y * math.sin(angle)) / SCENE_W)
    scene = grad.astype(np.float32)
    for _ in range(rng.randint(3, 7)):
        x0, y0 = rng.randrange(SCENE_W), rng.randrange(SCENE_H)
        w, h = rng.randint(20, 250), rng.randint(20, 250)
        cv2.rectangle(scene, (x0, y0), (x0 + w, y0 + h), rng.uniform(40, 230), -1)
    for _ in range(rng.randint(2, 5)):
        p0 = (rng.randrange(SCENE_W), rng.randrange(SCENE_H))
        p1 = (rng.randrange(SCENE_W), rng.randrange(SCENE_H))
        cv2.line(scene, p0, p1, rng.uniform(20, 230), rng.randint(1, 6))
    scene += nprng.normal(0, 2.0, scene.shape).astype(np.float32)
    return np.clip(scene, 0, 255).astype(np.uint8)


def place(
    scene: Image, card: Image, corners: NDArray[np.float32], scale_hint: float
) -> NDArray[np.float32]:
    """Warp ``card`` onto ``scene`` at the quadrilateral ``corners`` (as a camera would)."""
    h, w = card.shape
    if scale_hint < 1.0:
        # anti-alias before shrinking, like a lens does
        card = cv2.GaussianBlur(card, (0, 0), 0.45 / max(scale_hint, 0.05))
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners)
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(card, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, size, flags=cv2.INTER_LINEAR)
    alpha = mask.astype(np.float32) / 255.0
    return scene.astype(np.float32) * (1 - alpha) + warped.astype(np.float32) * alpha


def card_corners(
    rng: random.Random, width: float, height: float, angle_deg: float, tilt_deg: float = 0.0
) -> NDArray[np.float32]:
    """Corners of a card of ``width`` x ``height`` px, rotated in plane and tilted in 3D."""
    hw, hh = width / 2, height / 2
    pts = np.array([[-hw, -hh, 0], [hw, -hh, 0], [hw, hh, 0], [-hw, hh, 0]], dtype=np.float64)
    if tilt_deg:
        axis = rng.uniform(0, math.pi)
        t = math.radians(tilt_deg)
        # rotate about an in-plane axis at angle `axis`, then project with a webcam-like lens
        ax = np.array([math.cos(axis), math.sin(axis), 0.0])
        k = np.array([[0, -ax[2], ax[1]], [ax[2], 0, -ax[0]], [-ax[1], ax[0], 0]])
        rot = np.eye(3) + math.sin(t) * k + (1 - math.cos(t)) * (k @ k)
        pts = pts @ rot.T
        focal = 560.0  # px, ~60 degrees horizontal field of view at 640 px
        depth = focal  # so that a point at z=0 keeps its size
        pts[:, :2] = pts[:, :2] * focal / (depth + pts[:, 2:3])
    a = math.radians(angle_deg)
    rot2 = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    xy = pts[:, :2] @ rot2.T
    half = np.abs(xy).max(axis=0)
    cx = rng.uniform(half[0] + 5, SCENE_W - half[0] - 5)
    cy = rng.uniform(half[1] + 5, SCENE_H - half[1] - 5)
    return (xy + np.array([cx, cy])).astype(np.float32)


def motion_kernel(length: int, angle_deg: float) -> NDArray[np.float32]:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle_deg, 1.0)
    kernel = cv2.warpAffine(kernel, rot, (length, length))
    return kernel / kernel.sum()


@dataclass
class Scene:
    category: str
    token: str
    image: Image  # 640x480 BGR


CATEGORIES = ("clean", "rotation", "perspective", "blur", "noise", "low contrast", "small")


def make_scene(category: str, i: int, rng: random.Random, nprng: np.random.Generator) -> Scene:
    token = make_token(rng)
    modules = qr_modules(token)
    n = modules.shape[0] + 8  # with the quiet zone
    dark, light = rng.randint(10, 40), rng.randint(215, 250)
    if category == "low contrast":
        mid = rng.uniform(110, 160)
        spread = rng.uniform(14, 24)  # 28-48 grey levels between dark and light modules
        dark, light = int(mid - spread), int(mid + spread)
    qr_px = rng.uniform(60, 80) if category == "small" else rng.uniform(130, 200)
    module_px = max(2, math.ceil(2 * qr_px / n))  # draw at 2x, shrink when placing
    card = badge_card(modules, module_px, dark, light)
    scale = qr_px / (n * module_px)
    width, height = card.shape[1] * scale, card.shape[0] * scale
    angle = rng.uniform(-5, 5)
    tilt = 0.0
    if category == "rotation":
        angle = (15, 45, 80)[i % 3] * rng.choice((-1, 1))
    elif category == "perspective":
        tilt = rng.uniform(30, 50)
    scene = background(rng, nprng)
    out = place(scene, card, card_corners(rng, width, height, angle, tilt), scale)
    out = cv2.GaussianBlur(out, (0, 0), 0.5)  # the webcam's own softness
    if category == "blur":
        if i % 2 == 0:
            out = cv2.GaussianBlur(out, (0, 0), rng.uniform(1.2, 2.0))
        else:
            out = cv2.filter2D(out, -1, motion_kernel(rng.choice((7, 9, 11)), rng.uniform(0, 180)))
    elif category == "noise":
        out = out + nprng.normal(0, rng.uniform(18, 30), out.shape)
    elif category == "low contrast":
        out = out + nprng.normal(0, 3, out.shape)
    gray = np.clip(out, 0, 255).astype(np.uint8)
    return Scene(category, token, cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))


def make_scenes() -> list[Scene]:
    rng = random.Random(SEED)
    nprng = np.random.default_rng(SEED)
    return [
        make_scene(category, i, rng, nprng) for category in CATEGORIES for i in range(PER_CATEGORY)
    ]


def make_empty_scenes(count: int) -> list[Image]:
    """Frames with no badge: what the kiosk's camera sees most of the day."""
    rng = random.Random(SEED + 1)
    nprng = np.random.default_rng(SEED + 1)
    return [cv2.cvtColor(background(rng, nprng), cv2.COLOR_GRAY2BGR) for _ in range(count)]


def to_720p(image: Image) -> Image:
    """The same scene as a 1280x720 webcam would give it: upscaled to 720 lines, centred."""
    big = cv2.resize(image, (960, 720), interpolation=cv2.INTER_LINEAR)
    canvas = np.empty((720, 1280, 3), np.uint8)
    canvas[:] = image[:, :1].mean(axis=(0, 1)).astype(np.uint8)
    canvas[:, 160:1120] = big
    return canvas


# ------------------------------------------------------------------------ the measurements


def timed(decode: Decoder, frames: list[Image]) -> tuple[list[list[str]], list[float]]:
    results, times = [], []
    for frame in frames:
        start = time.perf_counter()
        texts = decode(frame)
        times.append((time.perf_counter() - start) * 1000)
        results.append(texts)
    return results, times


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


@dataclass
class RealImage:
    name: str
    image: Image
    expected: str


def expected_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # some of zxing's samples are in legacy encodings
    return text.strip()


def load_real(folder: Path) -> list[RealImage]:
    images = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        txt = path.with_suffix(".txt")
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if not txt.exists() or image is None:
            continue
        images.append(RealImage(path.name, image, expected_text(txt)))
    return images


@dataclass
class BackendResult:
    name: str
    reads: dict[str, int] = field(default_factory=dict)
    reads_720: int = 0
    ms_480: list[float] = field(default_factory=list)
    ms_720: list[float] = field(default_factory=list)
    ms_empty: list[float] = field(default_factory=list)
    real: dict[str, tuple[int, int]] = field(default_factory=dict)
    real_missed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total_reads(self) -> int:
        return sum(self.reads.values())

    @property
    def real_reads(self) -> int:
        return sum(ok for ok, _ in self.real.values())


def run_backend(
    name: str,
    decode: Decoder,
    scenes: list[Scene],
    frames_720: list[Image],
    empty: list[Image],
    real_sets: dict[str, list[RealImage]],
) -> BackendResult:
    result = BackendResult(name)
    frames = [scene.image for scene in scenes]
    for frame in frames[:10] + frames_720[:10]:  # warm up: caches, lazy init
        decode(frame)
    texts_480, result.ms_480 = timed(decode, frames)
    texts_720, result.ms_720 = timed(decode, frames_720)
    _, result.ms_empty = timed(decode, empty)
    for category in CATEGORIES:
        result.reads[category] = 0
    for scene, texts, texts_big in zip(scenes, texts_480, texts_720, strict=True):
        result.reads[scene.category] += scene.token in texts
        result.reads_720 += scene.token in texts_big
    for set_name, images in real_sets.items():
        ok = 0
        missed = []
        for real in images:
            if real.expected in (text.strip() for text in decode(real.image)):
                ok += 1
            else:
                missed.append(real.name)
        result.real[set_name] = (ok, len(images))
        result.real_missed[set_name] = missed
    return result


# ------------------------------------------------------------------------------ the report


def table(headers: list[str], rows: Iterator[list[str]] | list[list[str]]) -> str:
    rows = list(rows)
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        first = f"{cells[0]:<{widths[0]}}"
        rest = [f"{c:>{w}}" for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest])

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def pct(ok: int, total: int) -> str:
    return f"{ok}/{total} {100 * ok / total:3.0f}%" if total else "-"


def main() -> int:
    started = time.perf_counter()
    scenes = make_scenes()
    frames_720 = [to_720p(scene.image) for scene in scenes]
    empty = make_empty_scenes(PER_CATEGORY)
    real_sets = {name: load_real(CORPUS / name) for name in REAL_SETS if (CORPUS / name).is_dir()}
    print(
        f"{len(scenes)} generated badge scenes ({PER_CATEGORY} per category, seed {SEED}), "
        f"{len(empty)} scenes without a badge; built in {time.perf_counter() - started:.1f} s"
    )
    if not real_sets:
        print(f"(real photos skipped: the corpus is absent, expected at {CORPUS})")
    elif len(real_sets) < len(REAL_SETS):
        absent = ", ".join(name for name in REAL_SETS if name not in real_sets)
        print(f"(real photos: {absent} absent from {CORPUS}, skipped)")

    results: list[BackendResult] = []
    for name in BACKENDS:
        try:
            decode = make_decoder(name)
        except DecoderUnavailable as exc:
            print(f"{name}: skipped, {exc}")
            continue
        results.append(run_backend(name, decode, scenes, frames_720, empty, real_sets))
    if not results:
        print("no decoder backend could be loaded: FAIL")
        return 1
    names = [r.name for r in results]

    print("\nRead rate (exact token), 640x480 scenes")
    rows = [[c, *(pct(r.reads[c], PER_CATEGORY) for r in results)] for c in CATEGORIES]
    rows.append(["overall 640x480", *(pct(r.total_reads, len(scenes)) for r in results)])
    rows.append(["overall 1280x720", *(pct(r.reads_720, len(scenes)) for r in results)])
    print(table(["category", *names], rows))

    print("\nDecode time per frame, ms (badge scenes unless noted)")
    timing_rows = [
        ["640x480 mean", *(f"{statistics.fmean(r.ms_480):.2f}" for r in results)],
        ["640x480 p95", *(f"{p95(r.ms_480):.2f}" for r in results)],
        ["1280x720 mean", *(f"{statistics.fmean(r.ms_720):.2f}" for r in results)],
        ["1280x720 p95", *(f"{p95(r.ms_720):.2f}" for r in results)],
        ["640x480 no badge mean", *(f"{statistics.fmean(r.ms_empty):.2f}" for r in results)],
        ["640x480 no badge p95", *(f"{p95(r.ms_empty):.2f}" for r in results)],
    ]
    print(table(["", *names], timing_rows))

    if real_sets:
        print(f"\nReal photos ({CORPUS}, expected text in <name>.txt)")
        real_rows = [
            [set_name, *(pct(*r.real[set_name]) for r in results)] for set_name in real_sets
        ]
        real_rows.append(
            ["all", *(pct(r.real_reads, sum(len(v) for v in real_sets.values())) for r in results)]
        )
        print(table(["set", *names], real_rows))
        for r in results:
            for set_name, missed in r.real_missed.items():
                if missed:
                    print(f"  {r.name} missed in {set_name}: {', '.join(missed)}")

    best = max(
        results,
        key=lambda r: (r.total_reads + r.real_reads, -statistics.fmean(r.ms_480)),
    )
    print(f"\nDefault backend: {best.name}")
    for r in results:
        if r is best:
            continue
        print(
            f"  because it reads {best.total_reads}/{len(scenes)} generated badges "
            f"(vs {r.total_reads} for {r.name}) and {best.real_reads} real photos "
            f"(vs {r.real_reads}), in {statistics.fmean(best.ms_480):.2f} ms per 640x480 frame "
            f"(vs {statistics.fmean(r.ms_480):.2f} ms)"
        )
    mean_ms = statistics.fmean(best.ms_480)
    verdict = "PASS" if mean_ms < TARGET_MS else "FAIL"
    print(
        f"Target: decoding under {TARGET_MS:g} ms per 640x480 frame ({best.name}, mean "
        f"{mean_ms:.2f} ms, p95 {p95(best.ms_480):.2f} ms, no badge "
        f"{statistics.fmean(best.ms_empty):.2f} ms): {verdict}"
    )
    print(f"(total run time {time.perf_counter() - started:.1f} s)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
