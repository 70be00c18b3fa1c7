"""Every patient-facing sentence that is not content: levels, actions, warnings, interview messages.

Content (questions, FAQ pages, doctor questions) lives in ``content/``; rule texts live with their
rules in redflags.py. Everything else a patient reads is here, in one place, so it can be reviewed
and reading-level tested as a whole (tests/test_wording.py measures every string in this module).
Keep it plain: short sentences, everyday words, about a 6th-8th grade reading level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from backpain_cli.levels import Imaging, Urgency

if TYPE_CHECKING:
    from backpain_cli.regions import Region

# ---------------------------------------------------------------------------- every output

NOT_A_DIAGNOSIS: Final = (
    "This is not a diagnosis. It is a guide to how soon to see a clinician, based only on your answers. "
    "If you feel very unwell, or you are worried, get help now: call your local emergency number "
    "(for example 911, 999, 112 or 000)."
)

SAFETY_NET: Final[tuple[str, ...]] = (
    "New numbness around your private parts, bottom or inner thighs",
    "New trouble when you pee, leaking pee, or losing control of your bowels",
    "A leg that gets weaker, or numbness that spreads, or weakness in both legs",
    "A fever or chills with your back pain, or feeling very unwell",
    "Sudden, severe pain in your belly or chest, or feeling faint",
    "Pain so strong you cannot bear it, or you cannot walk",
)

# ---------------------------------------------------------------------------- levels

URGENCY_HEADING: Final[dict[Urgency, str]] = {
    Urgency.EMERGENCY: "EMERGENCY: get help now",
    Urgency.URGENT: "URGENT: be seen today",
    Urgency.SOON: "SOON: see a clinician within 1-2 weeks",
    Urgency.ROUTINE: "ROUTINE: self-care for now",
}

URGENCY_ACTION: Final[dict[Urgency, str]] = {
    Urgency.EMERGENCY: "Get emergency care now: go to an emergency department or call your emergency number.",
    Urgency.URGENT: "See a doctor or nurse today, or within 24 hours at the latest.",
    Urgency.SOON: "Book an appointment with a doctor or physical therapist within the next 1 to 2 weeks.",
    Urgency.ROUTINE: (
        "You can start with self-care and keep gently active. See a doctor if you are not better in "
        "about 6 weeks, or sooner if anything changes."
    ),
}

IMAGING_LABEL: Final[dict[Imaging, str]] = {
    Imaging.NONE: "No scan or X-ray needed yet",
    Imaging.XRAY: "An X-ray is worth discussing",
    Imaging.MRI: "An MRI scan is worth discussing",
    Imaging.MRI_URGENT: "An MRI scan the same day, as part of emergency care",
    Imaging.CT_URGENT: "Emergency scans after a major injury, usually CT, decided by the emergency team",
}


# A same-day MRI belongs to emergency care; when a lone "not sure" made the result urgent instead,
# the label must not speak of emergency care beside "be seen today".
MRI_URGENT_IF_NEEDED: Final = "An MRI scan the same day, if the clinician who sees you thinks it is needed"


def imaging_label(imaging: Imaging, urgency: Urgency) -> str:
    """The imaging headline, in the voice of the urgency headline."""
    if imaging == Imaging.MRI_URGENT and urgency != Urgency.EMERGENCY:
        return MRI_URGENT_IF_NEEDED
    return IMAGING_LABEL[imaging]


def emergency_action(region: Region | None) -> str:
    """What to do in an emergency, with the region's number when the region is known."""
    if region is None:
        return URGENCY_ACTION[Urgency.EMERGENCY]
    return f"Get emergency care now: {region.call}, or go to an emergency department."


def urgency_action(urgency: Urgency, region: Region | None) -> str:
    """The action line under the urgency banner."""
    return emergency_action(region) if urgency == Urgency.EMERGENCY else URGENCY_ACTION[urgency]


# ---------------------------------------------------------------------------- reasons

NO_FLAGS_REASON: Final = "No warning signs were found in your answers."

UNANSWERED_REASON: Final = (
    "Some questions about serious warning signs were not answered, so they could not be ruled out. "
    "A clinician should ask you about them soon."
)

AGE_MISSING_NOTE: Final = (
    "Your age was not given. This tool is only for people aged 16 and over. Checks that depend on age "
    "assumed the age with the higher risk."
)

PREGNANCY_IMAGING: Final = (
    "You said you are, or may be, pregnant or had a baby in the last 6 months. In pregnancy, X-rays and "
    "CT scans are avoided unless a specialist decides they are needed. MRI is the usual choice."
)

NO_IMAGING_REASON: Final = (
    "Without warning signs, scans rarely change treatment, and the guidelines advise against them in the "
    "first 6 weeks. Scans often show wear that many people without pain also have."
)

XRAY_LIMITS: Final = (
    "An earlier X-ray shows bones only. It cannot show discs or nerves, so a normal or mildly worn X-ray "
    "does not rule out a disc pressing on a nerve."
)

# ---------------------------------------------------------------------------- the summary

SUMMARY_TITLE: Final = "Your back pain summary"
FINDINGS_HEADING: Final = "What your answers suggest"
IMAGING_HEADING: Final = "X-ray or MRI?"
DOCTOR_HEADING: Final = "Questions to ask your doctor"
SAFETY_NET_HEADING: Final = "Get help right away if ..."
FAQ_HEADING: Final = "Good to know"
UNANSWERED_HEADING: Final = "Questions you did not answer"

XRAY_AND_MRI: Final = (
    "An X-ray shows bones. It can show a broken bone or wear, but not discs, nerves or the spinal cord. "
    "An MRI shows discs, nerves, the spinal cord and bone, and uses no X-ray radiation."
)
WHAT_WOULD_CHANGE: Final[dict[Imaging, str]] = {
    Imaging.NONE: (
        "What would change this: any of the warning signs below, or leg pain that is no better after "
        "6 weeks of treatment when surgery or an injection is being considered."
    ),
    Imaging.XRAY: (
        "What would change this: if the X-ray is normal but the pain does not settle, or a warning sign "
        "appears, an MRI may be the next step."
    ),
    Imaging.MRI: (
        "Keep in mind: an MRI often shows disc wear that many people without pain also have. It helps "
        "most when its result could change your treatment."
    ),
}


def not_sure_note(names: str) -> str:
    """Added to a finding that rests on answers the person was not sure about (or did not give)."""
    return f" You were not sure about, or did not answer: {names}. This could not be ruled out."


NOT_RULED_OUT_LEAD: Final = "Not ruled out"


def you_were_not_sure(questions: str) -> str:
    """Opens a finding that rests on "not sure": what the person said, not a fact about them.

    ``questions`` are the questions as they were asked, joined.
    """
    return f"You were not sure how to answer: {questions} If the answer is yes, this matters."


def you_did_not_answer(questions: str) -> str:
    """Opens a finding that rests on an answer not given (a number left out)."""
    return f"You did not answer: {questions} Without it, this could not be ruled out."


ALSO_FOUND_HEADING: Final = "Also tell the clinician about"
ALSO_FOUND_NOTE: Final = "These are less urgent than the advice above. Follow the advice above first."


def imaging_for_finding(title: str, reason: str) -> str:
    """A rule at the headline urgency whose own imaging differs from the headline imaging."""
    return f"For {title[:1].lower()}{title[1:]}: {reason}"


def imaging_starts_from(title: str) -> str:
    """Names the finding the imaging advice comes from."""
    return f"This comes from: {title[:1].lower()}{title[1:]}."


# ---------------------------------------------------------------------------- the recap

RECAP_HEADING: Final = "In short"
RECAP_HOW_SOON: Final = "How soon"
RECAP_WHAT_TO_DO: Final = "What to do"
RECAP_IMAGING: Final = "X-ray or MRI"
RECAP_EMERGENCY: Final = "In an emergency"


def recap_emergency(region: Region | None) -> str:
    """The recap's emergency line: the chosen region's number only, or the usual list."""
    if region is None or region.code is None:
        return "Call your local emergency number (for example 911, 999, 112 or 000)."
    return f"{region.call[:1].upper()}{region.call[1:]}."


def not_a_diagnosis(region: Region | None) -> str:
    """The footer: NOT_A_DIAGNOSIS, naming only the chosen region's number when there is one."""
    if region is None or region.code is None:
        return NOT_A_DIAGNOSIS
    return (
        "This is not a diagnosis. It is a guide to how soon to see a clinician, based only on your answers. "
        f"If you feel very unwell, or you are worried, get help now: {region.call}."
    )


# ---------------------------------------------------------------------------- the clinic copy

CLINIC_HEADING: Final = "For the clinician"
CLINIC_NOTE: Final = (
    "The patient's answers, as given. Answers marked * raised a finding (F1, F2, ...) or, left unanswered, "
    "the level. "
    "Not sure and unanswered are shown as such, never as no."
)
ANSWERS_HEADING: Final = "Answers"
RAISED_MARK: Final = "*"
NOT_RULED_OUT_MARK: Final = "not ruled out: raised the level"
NOT_ASKED: Final = "(not asked: did not apply)"
NOTES_HEADING: Final = "Clinician's notes"
SIGN_OFF: Final = ("Seen by:", "Signature:", "Date and time:")
ID_NAME: Final = "Name"
ID_DOB: Final = "Date of birth"
ID_RECORD: Final = "Record number"
PRINTED: Final = "Printed"
ASK_IDENTIFIERS: Final = "Add your name to the printout? (You can leave it blank.)"
ASK_NAME: Final = "Name or initials (Enter to leave out):"
ASK_DOB: Final = "Date of birth (Enter to leave out):"
ASK_RECORD: Final = "Clinic record number (Enter to leave out):"


def not_ruled_out_note(names: str) -> str:
    return f"These warning signs could not be ruled out, so tell your clinician: {names}."


def could_change_note(names: str) -> str:
    return f"Not answered, and an answer could make this more urgent: {names}."


def also_unanswered_count(count: int) -> str:
    questions = "question was" if count == 1 else "questions were"
    return f"{count} other {questions} not answered. The answers would not change how soon to be seen."


# ---------------------------------------------------------------------------- the walk-through

WELCOME_TITLE: Final = "backpain: questions about your back pain"


def welcome(total: int, region: Region) -> tuple[str, ...]:
    """The welcome screen's paragraphs."""
    return (
        f"You will answer up to {total} short questions. At the end you get a summary: how soon to see a "
        "doctor, whether an X-ray or MRI could help, and questions to ask.",
        "This is not a diagnosis. If you feel very unwell, or you think this is an emergency, stop now and "
        f"{region.call}.",
        'Choose "What does this mean?" for help with any question, or "Go back" to change an answer.',
        "Your answers stay on this computer.",
    )


def progress(section: int, sections: int, title: str, number: int, total: int) -> str:
    return f"Section {section} of {sections}: {title} · Question {number} of {total}"


HELP_OPTION: Final = "What does this mean?"
BACK_OPTION: Final = "Go back"
BACK_OPTION_LONG: Final = "Go back to the previous question"
ANSWER_WORDS: Final = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
NUMBER_HINT: Final = "(type a number; ? for help, b to go back)"
FIRST_QUESTION: Final = "This is the first question."


def your_answer_was(shown: str) -> str:
    """Shown when going back to a question: the answer given, which Enter keeps."""
    return f"Your answer was: {shown}."


NOT_ANSWERED: Final = "(not answered)"

UNDER_AGE: Final = "This tool is for people aged 16 and over. A child or teenager with back pain should see a doctor."
NONE_ALONE: Final = "Choose 'None' on its own, or the scans you have had."
# Two answers that cannot both be true: name both, with what was said, and blame neither. These
# are filled in with str.format (age, weeks, and years: one more than the age).
WEEKS_LONGER_THAN_LIFE: Final = (
    "You said you are {age} and that the pain started {weeks} weeks ago. That is more than {years} years, "
    "so one of the two must be wrong. Please check the number of weeks, or type b to go back and change your age."
)
AGE_BELOW_WEEKS: Final = (
    "You said the pain started {weeks} weeks ago and that you are {age}. That is more than {years} years, "
    "so one of the two must be wrong. Please check your age."
)
CHANGE_THE_WEEKS: Final = "If the weeks are wrong, type b, then choose the weeks from the list."
ANSWERS_DO_NOT_FIT: Final = "This answer does not fit with one of your other answers. Please check them both."


def please_type(allowed: str) -> str:
    return f"Please type {allowed}."


EMERGENCY_TITLE: Final = "Emergency warning"
DO_NOT_WAIT: Final = "Do not wait to finish these questions. Do not drive yourself."
WHAT_NOW: Final = "What would you like to do?"
STOP_OPTION: Final = "Stop now and show my summary"
FINISH_OPTION: Final = "Finish the questions (only if you are already getting help)"
CHECK_TODAY_TITLE: Final = "Important: get checked today"


def check_today(names: str, region: Region) -> tuple[str, ...]:
    """The warning for a lone "not sure" on an emergency sign: the summary says urgent, so this does too."""
    return (
        f"You were not sure about: {names}.",
        f"If you do have this, it can be an emergency: {region.call}, or go to the nearest emergency department.",
        "If you are not sure, see a doctor or nurse today. Do not wait for an appointment next week.",
    )


REVIEW_TITLE: Final = "Check your answers"
REVIEW_DONE: Final = "Everything is right: show my summary"
REVIEW_PROMPT: Final = "Choose an answer to change it, or go on:"

# ---------------------------------------------------------------------------- saving and stopping

SAVE_ANSWERS: Final = "Save your answers to a file (readable only by you)?"
SAVE_ANSWERS_AS: Final = "File name for your answers:"
SAVE_SUMMARY: Final = "Save a summary you can print or take to your appointment?"
SAVE_SUMMARY_AS: Final = "File name for the summary (.html, .txt or .md):"
SAVE_SO_FAR: Final = "Save your answers so far, to finish later with --resume?"
SAVE_SO_FAR_AS: Final = "File name:"
NO_FOLDER: Final = "That folder does not exist."
IS_A_FOLDER: Final = "That is a folder. Please give a file name."


def use_suffix(suffixes: tuple[str, ...]) -> str:
    return f"Please use a name ending in {' or '.join(suffixes)}."


def replace_file(path: str) -> str:
    return f"{path} already exists. Replace it?"


def saved_answers(path: str) -> str:
    return f"Saved your answers to {path}."


def saved_summary(path: str) -> str:
    return f"Saved your summary to {path}."


NEEDS_A_TERMINAL: Final = (
    "backpain check needs a terminal to ask its questions. To assess answers from a file, use: "
    "backpain assess --answers FILE (backpain template writes a file to fill in)"
)
STOPPED: Final = "stopped."
STOPPED_NOTHING_SAVED: Final = "stopped. Nothing was saved yet."
NOTHING_MORE_SAVED: Final = "nothing more was saved."
NOT_SAVED: Final = "not saved."
EMERGENCY_REMINDER: Final = "Remember: your answers point to an emergency."


def check_today_reminder(call: str) -> str:
    """Repeated when the questions stop after a "get checked today" warning; ``call`` is Region.call."""
    return (
        "Remember: see a doctor or nurse today. If you do have the sign you were not sure about, "
        f"{call}, or go to an emergency department."
    )


ANSWERS_NOTE_END: Final = "saved at the end of backpain check"
ANSWERS_NOTE_UNFINISHED: Final = "unfinished: continue with backpain check --resume FILE"


def internal_error(kind: str) -> str:
    return f"internal error ({kind}). This is a bug in backpain, not in your answers."


def saved_resume(path: str, command: str = "backpain check") -> str:
    """``command`` is how this run was started (out of the user's own shell), ``path`` the file, absolute."""
    return f"saved. Continue with: {command} --resume {path}"
