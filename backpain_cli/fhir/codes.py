"""Terminology codes used in the FHIR resources, each checked against a published source.

Only codes found in a real source are here (docs/fhir.md says which source for each); a concept
with no code we could confirm carries its text alone. Never add a code from memory.
"""

from __future__ import annotations

from typing import Final

LOINC: Final = "http://loinc.org"
SNOMED: Final = "http://snomed.info/sct"
UCUM: Final = "http://unitsofmeasure.org"

# The answers to yes / no / not sure questions: LOINC answer codes (LOINC's own displays).
YES_NO_UNSURE: Final[dict[str, tuple[str, str]]] = {
    "yes": ("LA33-6", "Yes"),
    "no": ("LA32-8", "No"),
    "unsure": ("LA12688-0", "Don't know"),
}
ANSWER_BY_CODE: Final[dict[str, str]] = {code: answer for answer, (code, _) in YES_NO_UNSURE.items()}

# Item codes where a true LOINC match exists. pain_score: 72514-3 is the 0-10 numeric rating
# scale, self-reported, which our question is (the question names the worst pain in the last week).
ITEM_CODES: Final[dict[str, tuple[str, str]]] = {
    "age": ("30525-0", "Age"),
    "pain_score": ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
}

# The PEG (issue 22, docs/measures.md): LOINC's panel 91148-7, as UW CIRG's FHIR Questionnaire
# CIRG-PEG.json (github.com/uwcirg/fhir-questionnaires) takes it from loinc.org/91148-7, and a second
# published table lists the same five codes. The item codes go without a display: the sources we
# could read give the item's words, not LOINC's own names. fhir.loinc.org's form gives peg_pain
# another code (docs/measures.md); loinc.org's page is the one followed here.
PEG_PANEL: Final = ("91148-7", "Pain intensity, Enjoyment of life, General activity (PEG) 3 item pain scale")
PEG_SCORE: Final = ("91147-9", "Mean score [PEG]")
PEG_ITEM_CODES: Final[dict[str, str]] = {
    "peg_pain": "75893-8",
    "peg_enjoyment": "91145-3",
    "peg_activity": "91146-1",
}
# FHIR's own observation categories (terminology.hl7.org): a score from a questionnaire is "survey".
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"

# Units of integer answers, as UCUM codes.
UNITS: Final[dict[str, tuple[str, str]]] = {
    "years": ("a", "years"),
    "weeks": ("wk", "weeks"),
}

# SNOMED CT codes for the outcome a red-flag category warns of, where one was confirmed. The other
# categories (progressive_deficit, cancer, infection, fracture, inflammatory, non_spinal) carry
# their outcome as text only: docs/fhir.md lists why each was left out.
CATEGORY_OUTCOMES: Final[dict[str, tuple[str, str]]] = {
    "cauda_equina": ("192970008", "Cauda equina syndrome"),
}
