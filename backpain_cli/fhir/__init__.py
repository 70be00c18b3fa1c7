"""FHIR: the questionnaire for form renderers, answers in (QuestionnaireResponse, compact QR form), results out.

Everything here builds or reads plain dicts shaped as FHIR R4 / R5 JSON; no FHIR library is
imported at run time (fhir.resources validates the output in the tests only, for start-up speed).
"""

from typing import Final

# The canonical URL of the shipped questionnaire: an identifier, not a web address to fetch. A content
# folder names its own with ``fhir_canonical`` in content.yaml (content.Library.fhir_canonical).
QUESTIONNAIRE_URL: Final = "https://backpain.invalid/fhir/Questionnaire/backpain"

# The first characters of the compact answer form that the printed QR code holds (docs/fhir.md).
COMPACT_PREFIX: Final = "BP1|"
