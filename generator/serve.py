"""``portal serve``: mkdocs' live-reload server over a staging folder that is
re-rendered from the datasets before every rebuild (see mkdocs_hooks.on_pre_build)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from .config import BuildConfig

ENV = "XINYI_PORTAL_SERVE"


def serve(config: BuildConfig, dev_addr: str) -> None:
    with tempfile.TemporaryDirectory(prefix="xinyi-serve-") as scratch:
        docs = Path(scratch) / "docs"
        os.environ[ENV] = json.dumps({"datasets": str(config.datasets.resolve()),
                                      "content": str(config.content.resolve()),
                                      "docs": str(docs)})
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        docs.mkdir()
        mkdocs_serve(str(config.mkdocs_file), livereload=True,
                     watch=[str(config.datasets), str(config.content)],
                     docs_dir=str(docs), dev_addr=dev_addr, strict=False)
