"""The exceptions the library raises: one class per kind, each with a stable string ``code``.

Catch :class:`CatalogError` for everything, a subclass for one kind, or the built-in each
subclass also derives from (``KeyError``, ``FileNotFoundError``, ``ValueError``, ``OSError``).
Never match on messages: they are for people and may change.
"""

from typing import Dict, Optional, Type


class CatalogError(Exception):
    """Base of every error the library raises; ``code`` names the kind."""

    code: str = "error"
    """The stable code of the error kind (each subclass sets its own)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        """What went wrong, for people."""

    def __str__(self) -> str:
        return self.message


class NotFoundError(CatalogError, FileNotFoundError):
    """The tree's root does not exist or is not a directory."""

    code = "not-found"


class CatalogIOError(CatalogError, OSError):
    """A file or directory of the tree could not be read."""

    code = "io"


class UnknownServiceError(CatalogError, KeyError):
    """A query named a service the catalog does not define (``id`` is the id asked for)."""

    code = "unknown-service"
    id: Optional[str] = None
    """The service id asked for."""


class UnknownProjectError(CatalogError, KeyError):
    """A query named a project the catalog does not define (``id`` is the id asked for)."""

    code = "unknown-project"
    id: Optional[str] = None
    """The project id asked for."""


class InvalidArgumentError(CatalogError, ValueError):
    """An argument is malformed: a date, a status name, an id (``argument`` names it)."""

    code = "invalid-argument"
    argument: Optional[str] = None
    """The name of the malformed argument."""


class InternalError(CatalogError):
    """A bug in the library (a Rust panic); the message says where. Please report it."""

    code = "internal"


_BY_CODE: Dict[str, Type[CatalogError]] = {
    cls.code: cls
    for cls in (
        NotFoundError,
        CatalogIOError,
        UnknownServiceError,
        UnknownProjectError,
        InvalidArgumentError,
        InternalError,
    )
}


def from_native(code: str, message: str, details: Dict[str, str]) -> CatalogError:
    """The exception for an error of the native module: the class of ``code``, with details.

    A code this version does not know yet becomes a plain :class:`CatalogError` that still
    carries it.
    """
    error = _BY_CODE.get(code, CatalogError)(message)
    if code not in _BY_CODE:
        error.code = code
    for name, value in details.items():
        setattr(error, name, value)
    return error
