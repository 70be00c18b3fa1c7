"""Check-ins over time (issue 12): a private history on this computer, and what changed since.

- ``changes``: pure functions, check-ins + today's answers -> what changed -> facts for the rules.
- ``store``: the SQLite file that keeps check-ins (only when the user asks).
- ``chart``: the pain score over time, for the terminal (Rich) and the HTML printout (inline SVG).
- ``remind``: a calendar reminder (.ics) for the next check-in.

See docs/history.md for what is kept, where, and how it is forgotten.
"""
