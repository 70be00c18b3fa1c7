"""The summary's measures section (issue 22): the PEG score in words, and that it changes no advice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpain_cli.measures import PEG
from backpain_cli.render.layout import Section

if TYPE_CHECKING:
    from backpain_cli.assessment import Result


def measure_sections(result: Result) -> list[Section]:
    """The measures section: the PEG score and its three answers. Empty when it was not answered."""
    peg = result.measures.get(PEG)
    if peg is None:
        return []
    t = result.texts
    words = t.measures
    line = words.peg.format(
        score=t.decimal(peg.value),
        pain=peg.items["peg_pain"],
        enjoyment=peg.items["peg_enjoyment"],
        activity=peg.items["peg_activity"],
    )
    return [Section(words.heading, paragraphs=[line, words.peg_meaning], id="measures")]
