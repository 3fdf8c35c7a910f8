"""Log files that help developers without holding personal data.

An unexpected error used to be logged (and printed) with ``str(error)``. For a database
error SQLAlchemy puts the statement and its parameters into that text, and the parameters
are the citizen's CPR number and the note being saved. The log folder is not a place for
either: logs get mailed to support and attached to tickets.

So what is logged is where the error happened (the traceback's files, lines, functions and
our source lines, none of which hold data) and what kind of error it was; the message is
passed through :func:`scrub` and cut short. The same holds for Python's ``logging`` output
(:class:`ScrubbingFormatter`). Log files are private to the user (0600 in a 0700 folder).
No Qt here: the command line and the window share it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import TextIO

from fko_desktop.errors import FkoError

# The text rules and the purge of old logs live in ``scrubbing``, which imports nothing of the
# package: the start-up cleaning in storage.paths uses them, and this module imports paths.
from fko_desktop.scrubbing import CPR_MASK, MAX_LOG_BYTES, MESSAGE_LIMIT, purge_unscrubbed_logs, scrub


def error_message(error: BaseException) -> str:
    """The scrubbed message of one exception, without its type ("" when it has none)."""
    orig = getattr(error, "orig", None)
    if isinstance(orig, BaseException) and hasattr(error, "statement"):
        # A SQLAlchemy StatementError: the driver's own message holds no statement.
        source: BaseException = orig
    else:
        source = error
    try:
        text = str(source)
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the original error
        text = "(meddelelsen kan ikke vises)"
    return scrub(text)


def describe(error: BaseException) -> str:
    """``TypeName: scrubbed message`` for one exception."""
    message = error_message(error)
    name = type(error).__qualname__
    module = type(error).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    return f"{name}: {message}" if message else name


def _frames(error: BaseException) -> list[str]:
    lines = []
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n')
        if frame.line:
            lines.append(f"    {frame.line.strip()}\n")
    return lines


_CAUSE = "The above exception was the direct cause of the following exception:"
_CONTEXT = "During handling of the above exception, another exception occurred:"


def format_exception(error: BaseException) -> str:
    """A traceback as Python prints it, chains included, with every message scrubbed."""
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    link: str | None = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            current = None
    parts: list[str] = []
    for index, (item, _) in enumerate(reversed(chain)):
        if index:
            # The link is stored with the cause, the exception printed just before it.
            parts.append(f"\n{chain[len(chain) - index][1]}\n\n")
        parts.append(_one(item))
    return "".join(parts)


def _one(error: BaseException) -> str:
    lines = []
    if error.__traceback__ is not None:
        lines.append("Traceback (most recent call last):\n")
        lines.extend(_frames(error))
    lines.append(describe(error) + "\n")
    for note in getattr(error, "__notes__", None) or ():
        lines.append(f"  note: {scrub(str(note))}\n")
    if isinstance(error, BaseExceptionGroup):
        for member in error.exceptions:
            body = format_exception(member)
            lines.append("".join(f"  | {line}\n" for line in body.splitlines()))
    return "".join(lines)


def log_unexpected(error: BaseException, log_name: str) -> Path | None:
    """Append ``error``'s scrubbed traceback to ``log_name`` in the log folder; the path, or
    None when the log cannot be written (a full disk must not hide the original error)."""
    from fko_desktop import __version__
    from fko_desktop.storage import files, paths

    path = paths.log_dir() / log_name
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    try:
        details = format_exception(error)
    except Exception:  # noqa: BLE001 - the log is called while handling an error: never raise
        details = f"{type(error).__qualname__} (the traceback could not be formatted)\n"
    entry = f"--- {stamp} fko {__version__}\n{details}"
    try:
        _rotate(path)
        files.private_dir(path.parent)
        files.tighten(path.parent, files.PRIVATE_DIR)  # made 0755 by earlier versions
        fd = files.open_private_append(path)
        try:
            data = entry.encode("utf-8", errors="backslashreplace")
            while data:
                written = os.write(fd, data)
                data = data[written:]
        finally:
            os.close(fd)
    except (OSError, FkoError):
        return None
    return path


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
    except OSError:
        pass


class ScrubbingFormatter(logging.Formatter):
    """A ``logging`` formatter that scrubs messages and tracebacks like :func:`log_unexpected`."""

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string is logging's problem, not ours
            message = str(record.msg)
        # A copy, so other handlers (and a cached exc_text) never see or feed the raw text.
        copy = logging.makeLogRecord(
            {**record.__dict__, "msg": scrub(message), "args": None, "exc_info": None, "exc_text": None}
        )
        text = super().format(copy)
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + format_exception(record.exc_info[1]).rstrip("\n")
        return text


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is when a record comes (fko wraps it while it runs)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(level: int = logging.WARNING) -> None:
    """``logging.basicConfig`` with a scrubbing formatter: a no-op when logging is set up."""
    handler = _StderrHandler()
    handler.setFormatter(ScrubbingFormatter(logging.BASIC_FORMAT))
    logging.basicConfig(level=level, handlers=[handler])


__all__ = [
    "CPR_MASK",
    "MESSAGE_LIMIT",
    "ScrubbingFormatter",
    "configure_logging",
    "describe",
    "error_message",
    "format_exception",
    "log_unexpected",
    "purge_unscrubbed_logs",
    "scrub",
]
