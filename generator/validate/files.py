"""Vouchers and documents: the files residents open from the site, so every path is
checked to be a regular file inside its package folder, of an allowed type decided by
decoding it (derivatives.py), within the limits."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .. import derivatives

ALLOWED = derivatives.KINDS
PDF = {".pdf": "pdf"}
MARKDOWN = {".md": "markdown"}

# A folder or file name a web address carries as it is: letters and digits of any script,
# "_", "-" and "."; not starting with a dot. A "%", "?", "#", a space or a quote in a name
# would make its link open another file than the one checked, or none.
SAFE_NAME = re.compile(r"\w[\w.-]*")



# What is wrong with a named file: the kind of problem (an Attachment's field: unsafe, type,
# content, not_found), the variant of its message, and the values the message names.
Problem = tuple[str, str, dict[str, str]]


def check_file(package_dir: Path, value: str, folder: str, allowed: dict[str, str] = ALLOWED,
               max_bytes: int = derivatives.DEFAULT_MAX_BYTES) -> Problem | None:
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
    return _check_on_disk(package_dir, pure, kind, max_bytes)


def _check_on_disk(package_dir: Path, pure: PurePosixPath, kind: str,
                   max_bytes: int) -> Problem | None:
    current = package_dir
    for part in pure.parts:
        current = current / part
        if current.is_symlink():
            return "unsafe", "link", {"value": str(pure), "part": part}
    if not current.exists():
        return "not_found", "", {"value": str(pure)}
    if not current.is_file():
        return "unsafe", "special", {"value": str(pure)}
    if kind == "markdown":
        ok = _text(current)
        return None if ok else ("type", "content", {"value": str(pure), "what": "UTF-8 text"})
    refused = derivatives.inspect(current, kind, max_bytes)
    if refused is None:
        return None
    if refused.variant == "mismatch":  # decoded as another type, or not at all
        return "type", "content", {"value": str(pure), **refused.values}
    # "active" is the content issue's own message; the others are its variants
    variant = "" if refused.variant == "active" else refused.variant
    return "content", variant, {"value": str(pure), **refused.values}


def _text(path: Path) -> bool:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\0" not in data
