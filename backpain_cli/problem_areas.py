"""The text catalogue's ``file_problems`` area: what a patient reads when ``check`` cannot use an answer file
or an option (issue 20), in their language.

A ``Problem`` names one of these entries by id (``errors.Words``); problem_words.py fills it in. Every
``errors.Code`` has a sentence here (``by_code``), so a problem that names none still reaches a patient in
their language. ``{braces}`` a sentence shows as braces are written twice (``{{``).
"""

# No ``from __future__ import annotations``: pydantic evaluates these annotations (see text_areas.py).

from typing import Annotated

from backpain_cli.errors import Code
from backpain_cli.text_areas import Area, Plain, slots


class ByCode(Area):
    """One sentence per ``errors.Code``: the words for a problem that names no entry of its own."""

    general: Plain
    unreadable: Plain
    syntax: Plain
    duplicate_key: Plain
    not_a_mapping: Plain
    unknown_key: Plain
    bad_value: Plain
    under_age: Plain
    inconsistent: Plain
    content: Plain
    usage: Plain
    output: Plain
    unsafe_path: Plain
    busy: Plain
    disk_full: Plain
    read_only: Plain
    status: Plain

    def __getitem__(self, code: Code) -> str:
        return str(getattr(self, code.value))


class SlipHints(Area):
    """The usual slips in a hand-written answer file (slips.py), and what to change."""

    tab: Plain
    indented: Plain
    no_colon: Plain
    colon_in_value: Plain
    unclosed_quote: Plain
    unclosed_list: Plain
    json_empty: Plain
    trailing_comma: Plain
    comments: Plain
    single_quotes: Plain
    key_quotes: Plain
    missing_comma: Plain
    python_word: Annotated[str, slots("word")]
    extra_data: Plain
    space_after_colon: Plain
    did_you_mean: Annotated[str, slots("key")]
    list_keys: Plain


class FileProblemTexts(Area):
    by_code: ByCode
    hints: SlipHints
    # The file itself
    no_such_file: Plain
    broken_link: Plain
    is_a_folder: Plain
    not_a_file: Plain
    permission: Plain
    cannot_read: Plain
    too_big: Plain
    not_utf8: Plain
    empty: Plain
    stdin_closed: Plain
    many_answer_sets: Plain
    # Reading it
    too_complex: Plain
    yaml_syntax: Plain
    json_syntax: Annotated[str, slots("column")]
    json_invalid: Plain
    value_unreadable: Plain
    holds_nothing: Plain
    # The answers in it
    unknown_key: Annotated[str, slots("key")]
    bad_value: Annotated[str, slots("value", "allowed")]
    none_with_scan: Annotated[str, slots("value")]
    under_age: Annotated[str, slots("value")]
    weeks_longer_than_life: Annotated[str, slots("key", "weeks", "age")]
    # FHIR and the printed summary's QR code
    not_a_response: Annotated[str, slots("kind")]
    status_withdrawn: Annotated[str, slots("status")]
    status_stopped: Annotated[str, slots("status")]
    code_and_display_differ: Plain
    other_questionnaire: Plain
    not_compact: Plain
    # Options
    answers_and_resume: Plain
    unknown_region: Annotated[str, slots("code", "known")]
    unknown_language: Annotated[str, slots("code", "known")]
    dob_format: Annotated[str, slots("example", "value")]
    dob_real_date: Annotated[str, slots("value")]
    dob_range: Annotated[str, slots("earliest", "value")]
    date_format: Annotated[str, slots("value")]  # history add --date
    date_range: Annotated[str, slots("date")]
    no_check_in: Annotated[str, slots("number")]  # history show, forget
    no_check_in_kept: Annotated[str, slots("number")]
    # Warnings about a file read anyway (errors.Notice), after the word for a warning
    warning: Plain
    warned: Plain
    ignored: Annotated[str, slots("key")]
    # A file written for the patient (a reminder, a summary), after the program's name
    wrote: Annotated[str, slots("path")]
    # The history made private again on the way in (or not), after the word for a warning
    history_folder_private: Annotated[str, slots("path")]
    history_folder_open: Annotated[str, slots("path")]
    history_file_private: Annotated[str, slots("path")]
    history_file_open: Annotated[str, slots("path")]
    no_status: Plain
    in_progress: Plain
    status_accepted: Annotated[str, slots("status")]
    other_version: Annotated[str, slots("version", "ours")]
    display_unchecked: Annotated[str, slots("where", "display")]
