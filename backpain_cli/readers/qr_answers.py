"""Answers from the compact form a printed summary's QR code holds (``BP1|version|key=value;...``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpain_cli.answers import validate_answers
from backpain_cli.readers.base import DEFAULT_POLICY, Read, ReadPolicy

if TYPE_CHECKING:
    from backpain_cli.bundle import Bundle


def read(text: str, source: str, bundle: Bundle, policy: ReadPolicy = DEFAULT_POLICY) -> Read:
    """The answers the scanned text holds, with a warning when it was written for other questions."""
    from backpain_cli.fhir.compact import decode

    answers, warnings = decode(text, source=source, bank_version=bundle.bank.version)
    return Read(validate_answers(answers, source=source), tuple(warnings))
