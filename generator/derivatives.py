"""The files a package publishes (vouchers, documents, reports, standards' PDFs), read as
what they are: an image is decoded by Pillow, a PDF parsed by pypdf. One strict reader per
type decides the type (not the first bytes), and the site publishes safe derivatives made
here, never the file as received.

What a phone or a scanner puts in a file can say more than the voucher: EXIF (the GPS
position, the camera's owner), PNG text chunks, PDF metadata. Images are decoded and
written again without any of it (upright, as the camera meant them), with a copy for
phones at most PHONE_SIDE pixels on its long side; PDFs are refused when they hold
anything that acts (JavaScript, an action on opening, a launch, an embedded file, an XFA
form) and published without their metadata. Both are refused above a size in bytes
(``--max-voucher-bytes``) and images above a number of pixels (a "decompression bomb":
a small file that decodes to gigabytes).
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# pypdf tells the log what it repaired in a broken file; the verdict is what counts here,
# and a maintainer's terminal would otherwise fill with its warnings.
logging.getLogger("pypdf").setLevel(logging.ERROR)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a phone's photo is a few MB; a scan of many pages more
MAX_PIXELS = 50_000_000  # 8,000 × 6,000: more than any phone's camera writes
PHONE_SIDE = 1600  # the long side of the copy a phone shows
# The files a package may publish, by extension: what each must decode as.
KINDS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".pdf": "pdf"}
FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}  # the images, as Pillow names them
# What a PDF may not hold: it acts when opened, or carries other files.
ACTIVE = {"/JavaScript": "JavaScript", "/JS": "JavaScript", "/OpenAction": "an action on "
          "opening", "/AA": "actions on events", "/Launch": "a command to launch",
          "/EmbeddedFiles": "embedded files", "/EmbeddedFile": "embedded files",
          "/XFA": "an XFA form", "/RichMedia": "embedded media", "/SubmitForm": "a form "
          "that sends data", "/ImportData": "a form that reads data"}

# What an object of a PDF may say besides what it shows: XMP, applications' private data.
PRIVATE = {"/Metadata", "/PieceInfo"}


@dataclass(frozen=True)
class Refused:
    """Why a file cannot be published: the variant of its issue and the values it names."""

    variant: str
    values: dict[str, Any]


class Unpublishable(ValueError):
    """derive() was given a file inspect() refuses (it changed after it was checked)."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(f"{refused.variant}: {refused.values}")
        self.refused = refused


def inspect(path: Path, kind: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Refused | None:
    """None when the file is a sound ``kind`` (jpeg, png, webp, pdf) within the limits."""
    size = path.stat().st_size
    if size > max_bytes:
        return Refused("too-large", {"size": size, "limit": max_bytes})
    return check(path.read_bytes(), kind)


def check(data: bytes, kind: str) -> Refused | None:
    """Why ``data`` cannot be published as ``kind``, whatever its size; None when it can."""
    return _pdf(data) if kind == "pdf" else _image(data, kind)


def _image(data: bytes, kind: str) -> Refused | None:
    mismatch = Refused("mismatch", {"what": f"{kind.upper()} data"})
    try:
        with _open(data, kind) as image:
            if image.width * image.height > MAX_PIXELS:
                return Refused("too-many-pixels", {"width": image.width, "height": image.height,
                                                   "limit": MAX_PIXELS})
            image.load()  # decoded whole: a truncated or broken file is refused here
            image.getexif()  # read when the picture is turned upright (derive)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
            Image.DecompressionBombError):
        return mismatch
    return None


@contextlib.contextmanager
def _open(data: bytes, kind: str) -> Iterator[Image.Image]:
    """The image read as ``kind`` only (no other decoder is tried), its pixels not yet
    decoded. Pillow's own limit is lifted while the header is read, as it would refuse a
    huge picture without saying its size; the callers check MAX_PIXELS, lower, before
    decoding anything."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        image = Image.open(io.BytesIO(data), formats=[FORMATS[kind]])
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    with image:
        yield image


def _pdf(data: bytes) -> Refused | None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return Refused("encrypted", {})
        found = sorted({ACTIVE[name] for name in _names(reader.trailer) if name in ACTIVE})
        len(reader.pages)  # the page tree is readable
        if not found:
            _clean_pdf(data)  # and it can be written again as derive() will
    except Exception:  # noqa: BLE001 (a stranger's file in a parser: whatever it raises,
        # the file is not a PDF the portal can read, which is the verdict)
        return Refused("mismatch", {"what": "PDF data"})
    return Refused("active", {"what": ", ".join(found)}) if found else None


def _names(root: Any) -> Iterator[str]:
    """Every name reachable from the trailer, each object visited once: the keys of its
    dictionaries and the names they hold (an action is ``/S /Launch``: a value)."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield from (str(k) for k in item)
            stack.extend(v for k, v in item.items() if k != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            yield str(item)


def derive(data: bytes, kind: str, phone: bool = False) -> bytes:
    """The file as the site publishes it: an image decoded and written again without
    metadata, upright, at most PHONE_SIDE on its long side for ``phone``; a PDF without its
    metadata. Same bytes in, same bytes out. The file is checked again first (it is read
    again to be published): Unpublishable when it is refused."""
    refused = check(data, kind)
    if refused is not None:
        raise Unpublishable(refused)
    return _clean_pdf(data) if kind == "pdf" else _clean_image(data, kind, phone)


def _clean_image(data: bytes, kind: str, phone: bool) -> bytes:
    with _open(data, kind) as image:  # check() has refused one of too many pixels
        picture = ImageOps.exif_transpose(image)  # the camera's orientation, applied
        # Pillow writes again what it read into info (ICC profile, XMP, comments, EXIF);
        # a palette's transparent colour is all that is kept.
        picture.info = {k: v for k, v in picture.info.items() if k == "transparency"}
        if phone and max(picture.size) > PHONE_SIDE:
            picture.thumbnail((PHONE_SIDE, PHONE_SIDE), Image.Resampling.LANCZOS)
        if kind == "jpeg" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        out = io.BytesIO()
        options: dict[str, Any] = {"jpeg": {"quality": 85, "optimize": True},
                                   "png": {},  # optimize: 5 times slower for 3 % less
                                   "webp": {"quality": 85, "method": 4}}[kind]
        picture.save(out, FORMATS[kind], **options)  # no exif, icc, text chunks or xmp
    return out.getvalue()


def _clean_pdf(data: bytes) -> bytes:
    """Only the pages, written again: nothing the document holds besides them (its
    information, outline, names, forms), and no object's XMP or application data."""
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data), strict=False).pages:
        writer.add_page(page)
    for number in range(1, len(writer._objects) + 1):
        item = writer.get_object(number)
        if isinstance(item, DictionaryObject):
            for key in PRIVATE & item.keys():
                del item[key]
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    writer.metadata = None  # no document information, not even the producer's name
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
