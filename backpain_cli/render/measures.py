"""The PEG in the summary (issue 22): a line in the patient's recap ("In short"), and on the clinician's
page the score with its three answers. Both say it changes no advice. The patient's part keeps to one
page (issue 24), so the PEG takes one item there, not a section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpain_cli.measures import PEG
from backpain_cli.render.layout import Item, Section

if TYPE_CHECKING:
    from backpain_cli.assessment import Result


def measure_sections(result: Result) -> list[Section]:
    """The clinician's measures section: the PEG score and its three answers, addressed to the clinician
    in the page's language (issue 20). Empty when it was not answered."""
    peg = result.measures.get(PEG)
    if peg is None:
        return []
    t = result.texts
    words = t.measures
    line = words.peg_clinic.format(
        score=t.decimal(peg.value),
        pain=peg.items["peg_pain"],
        enjoyment=peg.items["peg_enjoyment"],
        activity=peg.items["peg_activity"],
    )
    return [Section(words.clinic_heading, paragraphs=[line, words.peg_clinic_meaning], id="measures")]


def measure_recap(result: Result) -> list[Item]:
    """The recap's PEG item: the score, what a higher number means, and that it changes no advice."""
    peg = result.measures.get(PEG)
    if peg is None:
        return []
    t = result.texts
    return [Item(t.measures.peg_short.format(score=t.decimal(peg.value)), lead=t.measures.heading)]
