"""Photos and PDFs as phones, scanners and attackers make them: what each carries besides
the voucher (a position, an owner's name and number, a script), written with the real
libraries so that the portal's readers meet what they would meet in a package."""

from __future__ import annotations

import io

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

OWNER = "王小明 13812345678"  # what must never reach the site
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
       b"<dc:creator>13812345678</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
ORIENTATION, ARTIST, GPS = 0x0112, 0x013B, 0x8825


def _exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ARTIST] = OWNER
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS)
    gps.update({1: "N", 2: (30.0, 39.0, 36.0), 3: "E", 4: (104.0, 4.0, 12.0)})
    return exif


def _picture(size: tuple[int, int]) -> Image.Image:
    picture = Image.new("RGB", size, (250, 250, 245))
    picture.paste((20, 20, 20), (0, 0, size[0] // 2, size[1] // 4))  # the top left is dark
    return picture


def phone_photo(size: tuple[int, int] = (400, 300), orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: EXIF with the position and the owner, XMP, an ICC
    profile and a comment."""
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _picture(size).save(out, "JPEG", exif=_exif(orientation), xmp=XMP, icc_profile=icc,
                        comment=OWNER.encode())
    return out.getvalue()


def scanned_png() -> bytes:
    """A PNG with text chunks (plain, compressed, international) and EXIF."""
    info = PngInfo()
    info.add_text("Author", OWNER)
    info.add_text("Comment", "身份证 510104199001011234", zip=True)
    info.add_itxt("Description", OWNER, lang="zh", tkey="说明")
    out = io.BytesIO()
    _picture((300, 200)).save(out, "PNG", pnginfo=info, exif=_exif())
    return out.getvalue()


def webp_photo() -> bytes:
    out = io.BytesIO()
    _picture((300, 200)).save(out, "WEBP", exif=_exif(), xmp=XMP)
    return out.getvalue()


def pixel_bomb() -> bytes:
    """A few kilobytes that decode to 400 million pixels."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    return out.getvalue()


def _writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF with its author in the document information and in XMP."""
    writer = _writer()
    writer.add_metadata({"/Author": OWNER, "/Title": "凭证", "/Producer": "Scanner 13812345678"})
    stream = DecodedStreamObject()
    stream.set_data(XMP)
    stream.update({NameObject("/Type"): NameObject("/Metadata"),
                   NameObject("/Subtype"): NameObject("/XML")})
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    return _bytes(writer)


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    action.update({NameObject(f"/{k}"): v for k, v in entries.items()})  # type: ignore[misc]
    return action


def pdf_with(what: str) -> bytes:
    """A one-page PDF holding one thing that acts or carries files: javascript, open
    (an action when opened), launch (in a link on the page), embedded, xfa."""
    writer = _writer()
    root = writer.root_object
    if what == "javascript":
        script = _action("/JavaScript", JS=TextStringObject("app.alert('x');"))
        scripts = DictionaryObject({NameObject("/Names"): ArrayObject(
            [TextStringObject("x"), writer._add_object(script)])})
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): scripts})
    elif what == "open":
        root[NameObject("/OpenAction")] = _action("/URI", URI=TextStringObject("https://x.test"))
    elif what == "launch":
        link = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50),
                                              FloatObject(50)]),
            NameObject("/A"): _action("/Launch", F=TextStringObject("calc.exe"))})
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    elif what == "embedded":
        writer.add_attachment("owners.csv", "王小明,13812345678\n".encode())
    elif what == "xfa":
        root[NameObject("/AcroForm")] = DictionaryObject({
            NameObject("/Fields"): ArrayObject(),
            NameObject("/XFA"): ArrayObject([NumberObject(0)])})
    else:
        raise ValueError(what)
    return _bytes(writer)


def encrypted_pdf() -> bytes:
    writer = _writer()
    writer.encrypt("secret", algorithm="RC4-128")  # AES needs another library
    return _bytes(writer)
