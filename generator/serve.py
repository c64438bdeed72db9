"""``portal serve``: a preview that follows edits. The portal is built with its own build
into a scratch folder, served by mkdocs' live-reload server, and built again whenever the
datasets, the hand-written pages or mkdocs.yml change. The scratch folder keeps the
build's cache, so a rebuild after one community's edit makes that community again, not
the city. Data with errors leaves the last good preview, with the report in the terminal.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import build
from .config import BuildConfig
from .errors import PortalError, ValidationFailed

log = logging.getLogger("mkdocs.portal.serve")


def serve(config: BuildConfig, dev_addr: str) -> None:
    host, _, port = dev_addr.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="xinyi-serve-") as scratch:
        out, cache = Path(scratch) / "site", Path(scratch) / "cache"

        def builder() -> None:
            # A new configuration each time: the build date follows the datasets' state.
            preview(BuildConfig(datasets=config.datasets, out=out, project=config.project,
                                max_file_bytes=config.max_file_bytes, cache=cache))

        builder()
        server = LiveReloadServer(builder, host or "127.0.0.1", int(port), str(out))
        for watched in (config.datasets, config.content, config.mkdocs_file):
            server.watch(str(watched.resolve()))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("stopped")
        finally:
            server.shutdown()


def preview(config: BuildConfig) -> None:
    """Build the preview; a failure is reported and the previous preview stays."""
    try:
        build(config)
    except ValidationFailed as failed:
        log.warning("the datasets have errors; showing the last valid version\n%s",
                    failed.report.to_text())
    except PortalError as exc:
        log.warning("the preview could not be built: %s", exc.message)
    else:
        log.info("built the preview")
