"""The one base of every failure the portal reports (as mkdocs' exceptions.py).

Library code raises a subclass with a message a maintainer can act on; the command line
(``__main__.py``) decides what to print around it and which exit code it means. Being a
``click.ClickException``, an error that reaches click uncaught is still a message and an
exit code, never a Python traceback.
"""

from __future__ import annotations

import click

from .issues import Report


class PortalError(click.ClickException):
    """A command could not do what was asked; the message says why."""


class ValidationFailed(PortalError):
    """The datasets have errors; the report lists them. Nothing was written."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.summary())
        self.report = report


class RenderError(PortalError):
    """A page could not be rendered; nothing was written."""


class SiteError(PortalError):
    """mkdocs, the splice or the search indexer failed; the previous site is untouched."""


class ShellError(SiteError):
    """A page could not be spliced into its shell; a bug, reported like a failed build."""


class SearchIndexError(SiteError):
    """Pagefind could not index the site."""


class OutputRefused(PortalError):
    """The output folder is one a build may not replace (site/output.py); a usage error."""

    exit_code = 2


class FilesError(PortalError):
    """A file or folder could not be read or written (permissions, a full or read-only
    disk); the message names it."""

    @classmethod
    def of(cls, exc: OSError) -> FilesError:
        where = f": '{exc.filename}'" if exc.filename else ""
        return cls(f"{exc.strerror or exc}{where}")


class DemoError(PortalError):
    """The demo cannot be written as asked (the message says why)."""


class ImportRefused(PortalError):
    """A sheet cannot be imported as it is; the message says what to decide. Nothing was
    written."""
