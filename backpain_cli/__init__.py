"""backpain: a back-pain red-flag questionnaire for patients, clinics and scripts."""

import os

__version__ = "0.1.0"

# Pydantic plugins observe every validation, and ours validates patient answers: none may run.
# (Not loading them also spares start-up the plugin search through installed packages.)
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "1"
