"""What the page keeps of an engine message: the words after the field it names (the page puts the
question's label there instead of the path)."""

from __future__ import annotations

from typing import Optional


def issue_words(message: str, path: Optional[str]) -> str:
    """Mirror of issueParts in docs/assets/checker/errors.mjs."""
    if path and message.startswith(path):
        rest = message[len(path):]
        if rest.startswith(" ("):
            end = rest.find("): ")
            if end >= 0:
                return rest[end + 3:]
        if rest.startswith(": "):
            return rest[2:]
    return message
