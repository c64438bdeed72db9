"""Vouchers and documents reach the site as safe derivatives: the published files are read
back with Pillow and pypdf, as anyone downloading them could."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from generator import derivatives

from . import hostile_files as hostile
from .conftest import compose, run, tree_digest

NUMBER = b"13812345678"
DEMO = "communities/demo"


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _no_metadata(image: Image.Image) -> None:
    assert not image.getexif()
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "Author",
                "Comment", "Description"):
        assert key not in image.info, key


@pytest.mark.parametrize("make, kind", [(hostile.phone_photo, "jpeg"),
                                        (hostile.scanned_png, "png"),
                                        (hostile.webp_photo, "webp")])
def test_a_published_image_keeps_its_picture_and_nothing_else(make, kind: str) -> None:
    received = make()
    assert NUMBER in received and _image(received).getexif()  # what the phone put in
    published = derivatives.derive(received, kind)
    assert NUMBER not in published
    image = _image(published)
    assert image.format == derivatives.FORMATS[kind] and image.size == _image(received).size
    _no_metadata(image)
    assert image.convert("RGB").getpixel((2, 2))[0] < 100  # the picture itself is there


def test_a_photo_taken_sideways_is_published_upright() -> None:
    received = hostile.phone_photo((400, 300), orientation=6)  # "turn 90° to show"
    image = _image(derivatives.derive(received, "jpeg"))
    assert image.size == (300, 400)
    assert image.convert("L").getpixel((295, 5)) < 100  # the dark corner turned with it


def test_the_phone_copy_is_at_most_1600_pixels_on_its_long_side() -> None:
    received = hostile.phone_photo((4000, 3000))
    full = _image(derivatives.derive(received, "jpeg"))
    phone = _image(derivatives.derive(received, "jpeg", phone=True))
    assert full.size == (4000, 3000)
    assert phone.size == (1600, 1200)
    _no_metadata(phone)


def test_a_derivative_is_the_same_bytes_every_time() -> None:
    for received, kind in ((hostile.phone_photo(), "jpeg"), (hostile.scanned_pdf(), "pdf")):
        assert derivatives.derive(received, kind) == derivatives.derive(received, kind)


def test_a_published_pdf_has_its_pages_and_no_metadata() -> None:
    received = hostile.scanned_pdf()
    assert NUMBER in received
    published = derivatives.derive(received, "pdf")
    assert NUMBER not in published and b"/Metadata" not in published
    reader = PdfReader(io.BytesIO(published))
    assert reader.metadata is None
    assert reader.xmp_metadata is None
    assert len(reader.pages) == 1 and reader.pages[0].mediabox.width == 200


@pytest.mark.parametrize("what, named", [
    ("javascript", "JavaScript"), ("open", "an action on opening"),
    ("launch", "a command to launch"), ("embedded", "embedded files"),
    ("xfa", "an XFA form")])
def test_a_pdf_that_acts_is_refused_naming_what_it_holds(what: str, named: str) -> None:
    refused = derivatives.check(hostile.pdf_with(what), "pdf")
    assert refused == derivatives.Refused("active", {"what": named})
    with pytest.raises(derivatives.Unpublishable):
        derivatives.derive(hostile.pdf_with(what), "pdf")


def test_an_encrypted_pdf_is_refused() -> None:
    assert derivatives.check(hostile.encrypted_pdf(), "pdf") == derivatives.Refused(
        "encrypted", {})


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded() -> None:
    bomb = hostile.pixel_bomb()
    assert len(bomb) < 100_000
    assert derivatives.check(bomb, "png") == derivatives.Refused(
        "too-many-pixels", {"width": 20000, "height": 20000, "limit": derivatives.MAX_PIXELS})


@pytest.mark.parametrize("data, kind", [
    (b"<html><script>alert(1)</script></html>", "png"),
    (b"\x89PNG\r\n\x1a\n<script>alert(1)</script>", "png"),  # right first bytes, no image
    (b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF", "pdf"),
    (hostile.scanned_png(), "jpeg"),  # a real image of another type
    (hostile.phone_photo()[:600], "jpeg"),  # cut short
])
def test_the_type_is_decided_by_decoding_not_by_the_first_bytes(data: bytes, kind: str) -> None:
    assert derivatives.check(data, kind) == derivatives.Refused(
        "mismatch", {"what": f"{kind.upper()} data"})


def test_a_file_over_the_byte_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(hostile.phone_photo())
    size = path.stat().st_size
    assert derivatives.inspect(path, "jpeg", max_bytes=size) is None
    assert derivatives.inspect(path, "jpeg", max_bytes=size - 1) == derivatives.Refused(
        "too-large", {"size": size, "limit": size - 1})


# ---- Through a build: what the site publishes ---------------------------------------------

@pytest.fixture
def published(workdir: Path) -> Path:
    """The demo community's vouchers replaced by what a phone and a scanner make."""
    datasets = compose(workdir)
    vouchers = datasets / DEMO / "vouchers"
    (vouchers / "D-003.png").write_bytes(hostile.scanned_png())
    (vouchers / "D-004.pdf").write_bytes(hostile.scanned_pdf())
    (vouchers / "D-006.jpg").write_bytes(hostile.phone_photo((3200, 2400), orientation=6))
    ledger = datasets / DEMO / "ledger.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(
        "vouchers/D-006.png", "vouchers/D-006.jpg"), encoding="utf-8")
    result = run("build", "--datasets", "datasets", "--out", "site")
    assert result.exit_code == 0, result.output
    return workdir / "site"


def test_no_published_file_holds_what_the_phone_or_scanner_added(published: Path) -> None:
    holding = [p for p in published.rglob("*") if p.is_file() and NUMBER in p.read_bytes()]
    assert holding == []


def test_the_site_publishes_cleaned_vouchers_and_phone_copies(published: Path) -> None:
    vouchers = published / DEMO / "vouchers"
    for name in ("D-003.png", "D-003@phone.png", "D-006.jpg", "D-006@phone.jpg"):
        _no_metadata(_image((vouchers / name).read_bytes()))
    assert _image((vouchers / "D-006.jpg").read_bytes()).size == (2400, 3200)  # upright
    assert _image((vouchers / "D-006@phone.jpg").read_bytes()).size == (1200, 1600)
    pdf = PdfReader(vouchers / "D-004.pdf")
    assert pdf.metadata is None and pdf.xmp_metadata is None and len(pdf.pages) == 1
    assert not (vouchers / "D-004@phone.pdf").exists()  # a PDF opens as it is
    month = (published / DEMO / "ledger/2021-02/index.html").read_text(encoding="utf-8")
    assert 'href="../../vouchers/D-006.jpg"' in month  # the link leads to the full image


def test_derivatives_kept_in_the_cache_publish_the_same_files(published: Path,
                                                              workdir: Path) -> None:
    for out in ("filled", "from-cache"):
        result = run("build", "--datasets", "datasets", "--out", out, "--cache", "kept")
        assert result.exit_code == 0, result.output
        assert tree_digest(workdir / out) == tree_digest(published)
    sources = workdir / "datasets"
    made = {((sources / p.relative_to(published)).with_name(p.name.replace("@phone", ""))
             .read_bytes(), "@phone" in p.name)
            for p in published.rglob("*") if p.suffix in (".png", ".jpg", ".pdf")
            and {"vouchers", "documents", "pdfs"} & set(p.parts)}
    assert len(list((workdir / "kept/derived").iterdir())) == len(made)  # one each
