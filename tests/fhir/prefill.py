"""Put a person's answers into a Questionnaire as its initial values, as if they had filled the form."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from backpain_cli.fhir import codes
from backpain_cli.fhir.questionnaire import choice_system


def prefill(questionnaire: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``questionnaire`` whose items start with ``answers`` (key -> value, None = none).

    Integers get ``initial``; coded items get ``answerOption.initialSelected`` (R4 que-11 forbids
    ``initial`` beside answerOption).
    """
    filled = copy.deepcopy(dict(questionnaire))

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            value = answers.get(item["linkId"])
            if value is not None and item["type"] == "integer":
                item["initial"] = [{"valueInteger": value}]
            elif value is not None and "answerOption" in item:
                wanted = set(value) if isinstance(value, list) else {value}
                for option in item["answerOption"]:
                    coding = option["valueCoding"]
                    if coding["system"] == codes.LOINC:
                        chosen = codes.ANSWER_BY_CODE[coding["code"]] in wanted
                    else:
                        chosen = coding["system"] == choice_system(item["linkId"]) and coding["code"] in wanted
                    if chosen:
                        option["initialSelected"] = True
            walk(item.get("item", []))

    walk(filled["item"])
    return filled
