"""backpain: a back-pain red-flag questionnaire for patients, clinics and scripts."""

__version__ = "0.1.0"
