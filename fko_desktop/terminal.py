"""Text for a terminal: control and bidirectional characters shown, never obeyed.

Notes come from other units' bundles and from whatever staff paste into a field. Printed raw,
an ESC sequence in a note can recolour, clear or retitle the terminal (some terminals even
answer sequences by "typing" text back), and a right-to-left override makes a line read
differently from what it holds. ``fko`` therefore passes everything it writes through
:func:`safe_text`, which shows such characters as visible escapes (``\\x1b``, ``\\u202e``).
Pure Python, no Qt: the command line and tests use it.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

#: Bidirectional controls: embeddings and overrides, isolates, marks.
BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])


def _is_unsafe(code: int) -> bool:
    if code in (0x0A, 0x09):  # line breaks and tabs are layout, and the output needs them
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or code in BIDI_CONTROLS


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_UNSAFE = [code for code in (*range(0xA0), *BIDI_CONTROLS) if _is_unsafe(code)]
_SAFE_TABLE = {code: _escape(code) for code in _UNSAFE}
# Inside a JSON document every such character can only stand in a string, where ``\uXXXX``
# is the escape JSON itself defines: the output stays valid and loads back to the same text.
_JSON_TABLE = {code: f"\\u{code:04x}" for code in _UNSAFE}


def safe_text(text: str) -> str:
    """``text`` with C0 controls (but newline and tab), DEL, C1 controls and bidirectional
    controls replaced by visible escapes: ESC becomes ``\\x1b``, U+202E ``\\u202e``."""
    return text.translate(_SAFE_TABLE)


def safe_json(text: str) -> str:
    """A JSON document with the same characters escaped as JSON ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls itself but leaves DEL, C1 and
    bidirectional controls raw; this escapes those too, so a terminal shows them and
    ``json.loads`` still returns the original strings.
    """
    return text.translate(_JSON_TABLE)


class SafeStream(io.TextIOBase):
    """A text stream that writes :func:`safe_text` of everything to ``target``.

    The translation works character by character, so it does not matter how a writer cuts
    its output into ``write`` calls.
    """

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        self.target.write(safe_text(text))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    # The two ignores: typeshed declares ``encoding`` and ``errors`` as plain attributes, but
    # io.TextIOBase has read-only properties there (assigning them fails), so a property it is.
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.target, "errors", None)

    def close(self) -> None:
        # Closing the wrapper must not close the real stream: it is restored afterwards.
        self.flush()
        super().close()


@contextmanager
def safe_output() -> Iterator[None]:
    """Route ``sys.stdout`` and ``sys.stderr`` through :class:`SafeStream` for the block.

    The streams in place before are restored afterwards (pytest's ``capsys`` replaces them
    per test, so they are looked up when the block starts, not when this module loads).
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(saved[0]), SafeStream(saved[1])
    try:
        yield
    finally:
        for wrapper in (sys.stdout, sys.stderr):
            # A closed or broken pipe: nothing more can reach it anyway.
            with suppress(OSError, ValueError):
                wrapper.flush()
        sys.stdout, sys.stderr = saved


__all__ = ["BIDI_CONTROLS", "SafeStream", "safe_json", "safe_output", "safe_text"]
