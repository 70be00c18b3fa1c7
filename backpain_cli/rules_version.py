"""The rule set's version, apart from the rule table (rules/) so that ``backpain --version`` prints it
without loading the rules (and the answer model and pydantic under them).

Bump it with any change to a rule or the policy around them; ``backpain_cli.rules.RULES_VERSION`` is
this same value, written into every result (``versions.rules``).
"""

from typing import Final

RULES_VERSION: Final = "2027.1"
