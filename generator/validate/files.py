"""Vouchers and documents: the files residents open from the site, so every path is
checked to be a regular file inside its package folder, of an allowed type."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

ALLOWED = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp", ".pdf": "pdf"}
PDF = {".pdf": "pdf"}
MARKDOWN = {".md": "markdown"}

# A folder or file name a web address carries as it is: letters and digits of any script,
# "_", "-" and "."; not starting with a dot. A "%", "?", "#", a space or a quote in a name
# would make its link open another file than the one checked, or none.
SAFE_NAME = re.compile(r"\w[\w.-]*")

# First bytes of each allowed format: a .jpg that is really an HTML page must not
# be published as a voucher.
MAGIC = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "pdf": (b"%PDF-",),
}


# What is wrong with a named file: the kind of problem (an Attachment's field: unsafe, type,
# not_found), the variant of its message, and the values the message names.
Problem = tuple[str, str, dict[str, str]]


def check_file(package_dir: Path, value: str, folder: str,
               allowed: dict[str, str] = ALLOWED) -> Problem | None:
    """What is wrong with the file a row names; None when it is fine."""
    pure = PurePosixPath(value)
    named = {"value": value, "folder": folder}
    if "\\" in value or pure.is_absolute() or ".." in pure.parts:
        return "unsafe", "", named
    if not pure.parts or pure.parts[0] != folder or len(pure.parts) < 2:
        return "unsafe", "outside", named
    for part in pure.parts:
        if not SAFE_NAME.fullmatch(part):
            return "unsafe", "name", {"value": value, "part": part}
    kind = allowed.get(pure.suffix.lower())
    if kind is None:
        names = ", ".join(sorted({k.lstrip(".") for k in allowed}))
        return "type", "", {"value": value, "suffix": pure.suffix, "allowed": names}
    return _check_on_disk(package_dir, pure, kind)


def _check_on_disk(package_dir: Path, pure: PurePosixPath, kind: str) -> Problem | None:
    current = package_dir
    for part in pure.parts:
        current = current / part
        if current.is_symlink():
            return "unsafe", "link", {"value": str(pure), "part": part}
    if not current.exists():
        return "not_found", "", {"value": str(pure)}
    if not current.is_file():
        return "unsafe", "special", {"value": str(pure)}
    if not _content_matches(current, kind):
        what = "UTF-8 text" if kind == "markdown" else f"{kind.upper()} data"
        return "type", "content", {"value": str(pure), "what": what}
    return None


def _content_matches(path: Path, kind: str) -> bool:
    if kind == "markdown":
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\0" not in data
    with path.open("rb") as handle:
        head = handle.read(16)
    if kind == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith(MAGIC[kind])
