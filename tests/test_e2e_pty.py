"""End to end in a real pseudo-terminal, typing as a patient would (pexpect)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

DOWN = "\x1b[B"


def spawn(tmp_path: Path, *args: str, columns: int = 100) -> pexpect.spawn:
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": "40",
        "SOURCE_DATE_EPOCH": "1795651200",
    }
    env.pop("NO_COLOR", None)
    # pexpect is not a terminal emulator: it never answers the cursor-position query, and
    # prompt_toolkit would wait for the answer at every prompt.
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "backpain_cli", "check", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )
    return child


def answer_yes_no(child: pexpect.spawn, question: str, answer: str) -> None:
    child.expect_exact(question)
    child.expect_exact("What does this mean?")
    child.send({"yes": DOWN, "no": DOWN * 2, "unsure": DOWN * 3}[answer] + "\r")


def answer_opening(child: pexpect.spawn, age: str, weeks: str, score: str) -> None:
    """Age, weeks of pain, "lower back", and the pain score: the first four questions."""
    child.expect_exact("How old are you?")
    child.sendline(age)
    child.expect_exact("How many weeks ago")
    child.sendline(weeks)
    child.expect_exact("Where is your back pain?")
    child.expect_exact("Go back")
    child.send(DOWN + "\r")
    child.expect_exact("how bad was your worst pain")
    child.sendline(score)


def test_routine_run_as_a_patient_types_it(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--region", "us")
    child.expect_exact("This is not a diagnosis")
    answer_opening(child, "38", "2", "6")
    answer_yes_no(child, "Along with the back pain", "no")
    answer_yes_no(child, "Did your back pain start all of a sudden", "no")
    answer_yes_no(child, "Is your back pain getting worse week by week", "no")
    answer_yes_no(child, "Do you have pain, burning or very sore skin", "no")
    answer_yes_no(child, "Does pain spread from your back down a leg", "yes")
    answer_yes_no(child, "numbness, tingling", "no")
    answer_yes_no(child, "Is a leg or foot weak?", "no")
    child.expect_exact("How many weeks ago did the symptoms in your leg")
    child.sendline("2")
    answer_yes_no(child, "in both legs?", "no")
    # The start of each question: long questions wrap on screen, so match only their first words.
    # At 38 with 2 weeks of pain, the walk skips what cannot apply (issue 10): foot drop, clumsy
    # hands, feeling unwell, height loss, a rigid spine, the inflammatory and treatment questions.
    for question in (
        "Do your legs hurt, feel heavy",
        "Is your walking newly unsteady?",
        "Is there new numbness or tingling around",
        "Is there a new problem with passing urine",
        "Have you newly lost control of your bowels",
        "Since your back pain started, do you have new trouble",
        "Does it burn or hurt",
        "Have you ever had cancer?",
        "Have you lost weight lately",
        "Do you have a fever",
        "Do you wake up at night soaked",
        "Do you inject drugs",
        "Is your immune system weak?",
        "Do you have diabetes?",
        "Are you pregnant now",
        "Have you given birth",
        "In the last few weeks, have you had an infection",
        "In the last 3 months, have you had an operation",
        "Do you feel very unwell",
        "Did the pain start after a big accident",
        "Did the pain start after a small fall",
        "Have you been told you have osteoporosis",
        "Have you taken steroid tablets",
        "Do you have pain when resting",
        "Have you had an operation on your back",
    ):
        answer_yes_no(child, question, "no")
    child.expect_exact("Have you had any scans")
    child.send(" \r")
    # Issue 22: the PEG, offered as a group at the end; answered here as a patient would.
    child.expect_exact("Rate how your back pain affects you")
    child.expect_exact("Skip them")
    child.send(DOWN + "\r")
    for score in ("6", "5", "5"):  # long questions wrap on screen: wait for the prompt's hint
        child.expect_exact("(type a number")
        child.sendline(score)
    child.expect_exact("Check your answers")
    child.expect_exact("Everything is right")
    child.send("\r")
    child.expect_exact("ROUTINE: self-care for now")
    child.expect_exact("Leg pain from the back (sciatica)")
    child.expect_exact("PEG score 5.3 out of 10")
    child.expect_exact("Save your answers")
    child.send("n\r")
    child.expect_exact("Save a summary")
    child.send("n\r")
    child.expect_exact("Keep this check-in in your history")  # issue 12: asked last, default no
    child.send("n\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []


def test_emergency_answer_interrupts_in_a_real_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--region", "uk")
    answer_opening(child, "52", "1", "8")
    answer_yes_no(child, "Along with the back pain", "no")
    answer_yes_no(child, "Did your back pain start all of a sudden", "no")
    answer_yes_no(child, "Is your back pain getting worse week by week", "no")
    answer_yes_no(child, "Do you have pain, burning or very sore skin", "no")
    answer_yes_no(child, "Does pain spread from your back down a leg", "yes")
    answer_yes_no(child, "numbness, tingling", "yes")
    answer_yes_no(child, "Is a leg or foot weak?", "no")
    child.expect_exact("How many weeks ago did the symptoms in your leg")
    child.sendline("1")
    answer_yes_no(child, "If a leg feels numb or tingles", "no")
    answer_yes_no(child, "in both legs?", "no")
    answer_yes_no(child, "Do your legs hurt, feel heavy", "no")
    answer_yes_no(child, "Is your walking newly unsteady?", "no")
    answer_yes_no(child, "Are both of your hands newly numb", "no")
    answer_yes_no(child, "Is there new numbness or tingling around", "no")
    answer_yes_no(child, "Is there a new problem with passing urine", "yes")
    child.expect_exact("Emergency warning")
    child.expect_exact("call 999 (or 112)")
    child.expect_exact("Stop now and show my summary")
    child.send("\r")
    child.expect_exact("EMERGENCY: get help now")
    child.expect_exact("Save your answers")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0  # the summary was shown; Ctrl-C at the save offer only skips saving


def test_ctrl_c_in_a_real_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("How old are you?")
    child.sendline("40")
    child.expect_exact("How many weeks ago")
    child.sendcontrol("c")
    child.expect_exact("stopped")
    child.expect_exact("Save your answers so far")
    child.send("y\r")  # Enter too: y alone answers nothing yet
    child.expect_exact("File name")
    child.send("\r")
    # The hint names the program as started (here: python -m backpain_cli) and the file's full path.
    child.expect_exact(f"-m backpain_cli check --resume {tmp_path / 'backpain-answers.yaml'}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert (tmp_path / "backpain-answers.yaml").read_text().strip().endswith("age: 40")


def test_ctrl_d_at_a_menu_in_a_real_terminal_stops_and_offers_the_save(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("How old are you?")
    child.sendline("40")
    child.expect_exact("How many weeks ago")
    child.sendline("3")
    child.expect_exact("Where is your back pain?")
    child.expect_exact("Go back")
    child.sendcontrol("d")
    child.expect_exact("stopped")
    child.expect_exact("Save your answers so far")
    child.send("y\r")  # Enter too: y alone answers nothing yet
    child.expect_exact("File name")
    child.send("\r")
    # The hint names the program as started (here: python -m backpain_cli) and the file's full path.
    child.expect_exact(f"-m backpain_cli check --resume {tmp_path / 'backpain-answers.yaml'}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = (tmp_path / "backpain-answers.yaml").read_text()
    assert "age: 40" in saved and "pain_weeks: 3" in saved


def test_ctrl_d_in_plain_mode_after_an_emergency_warning(tmp_path: Path) -> None:
    """Plain lines read standard input itself: after Ctrl-D it can still ask about saving."""
    child = spawn(tmp_path, "--plain", "--region", "uk")
    # age, weeks, area, score; belly, tearing, worsening, band; three leg questions; walking pain (asked
    # from 50); unsteady walking;
    # numbness around the bottom: yes
    for line in ("52", "1", "1", "8", "n", "n", "n", "n", "n", "n", "n", "n", "n", "y"):
        child.expect_exact("> ")
        child.sendline(line)
    child.expect_exact("Emergency warning:")
    child.expect_exact("f) Finish the questions")
    child.sendline("f")
    child.expect_exact("new problem with passing urine")
    child.expect_exact("> ")
    child.sendcontrol("d")
    child.expect_exact("stopped")
    child.expect_exact("Remember: your answers point to an emergency.")
    child.expect_exact("call 999 (or 112)")
    child.expect_exact("Save your answers so far")
    child.sendline("y")
    child.expect_exact("File name:")
    child.sendline("")
    # The hint names the program as started (here: python -m backpain_cli) and the file's full path.
    child.expect_exact(f"-m backpain_cli check --resume {tmp_path / 'backpain-answers.yaml'}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "saddle_numbness: yes" in (tmp_path / "backpain-answers.yaml").read_text()


def test_a_message_naming_two_answers_is_shown_whole_at_40_columns(tmp_path: Path) -> None:
    import textwrap

    from tests.helpers import texts

    child = spawn(tmp_path, columns=40)
    child.expect_exact("How old are you?")
    child.sendline("20")
    child.expect_exact("How many weeks")
    child.sendline("1100")
    t = texts()  # each number with its unit, as the interview fills them in
    message = t.walk.weeks_longer_than_life.format(
        age=t.plural(t.units.years, 20), weeks=t.plural(t.weeks, 1100), years=t.plural(t.units.years, 21)
    )
    # The refused 1100 is cleared from the field (issue 24), so only the message is waited for.
    child.expect_exact(message.split()[-1])
    # prompt_toolkit writes a row's last column after a carriage return and a move right; the rest
    # of its escape codes only colour the text.
    drawn = re.sub(r"\r\x1b\[\d+C", "", child.before)
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn)
    rows = [row.strip() for row in drawn.split("\r\r\n")]
    for line in textwrap.wrap(message, 40)[:-1]:  # each line drawn whole, broken only between words
        assert line in rows
    child.sendcontrol("c")
    child.expect_exact("Save your answers so far")
    child.send("n\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_a_spanish_speaking_patient_walks_it_in_plain_mode_without_meeting_english(tmp_path: Path) -> None:
    """Issue 20: the walk in Spanish at 80 columns, typing the Spanish letters (s, n, ns, l)."""
    import io

    seen = io.StringIO()
    # The language from BACKPAIN_LANG, as a patient's shell would set it; the terminal is 80x24.
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "BACKPAIN_LANG": "es"}
    env["SOURCE_DATE_EPOCH"] = "1795651200"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "backpain_cli", "check", "--plain", "--region", "us"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )
    child.logfile_read = seen
    child.expect_exact("Un profesional de la salud todavía no ha revisado esta traducción.")
    child.expect_exact("¿Cuántos años tiene?")
    child.sendline("38")
    child.expect_exact("¿Hace cuántas semanas")
    child.sendline("2")
    child.expect_exact("¿Dónde tiene el dolor de espalda?")
    child.sendline("1")
    child.expect_exact("Del 0 al 10")
    child.sendline("6")
    child.expect_exact("¿Qué quiere decir esto?")
    child.sendline("quizá")  # not an answer: asked again, in Spanish
    child.expect_exact("Escriba una de estas: ?, s, n, ns, v.")
    asked = rated = 0
    choices = ["ns) No estoy seguro", "separadas por comas", "Revise sus respuestas", "c) Contestarlas"]
    choices += ["0 = Sin dolor", "0 = No interfiere"]
    while True:
        found = child.expect_exact(choices)
        if found == 2:
            break
        # The PEG at the end (issue 22): answered, with its anchors in Spanish ("0 = Sin dolor").
        child.sendline(("n", "1", "", "c", "3", "3")[found])
        asked += found in (0, 1)
        rated += found in (4, 5)
    assert asked > 20 and rated == 3
    child.expect_exact("l) Todo está bien: ver mi resumen")
    child.sendline("l")
    child.expect_exact("NO URGENTE: cuídese en casa por ahora")
    child.expect_exact("En una emergencia: Llame al 911.")
    child.expect_exact("¿Guardar sus respuestas en un archivo")
    child.sendline("n")
    child.expect_exact("¿Guardar un resumen")
    child.sendline("n")
    child.expect_exact("¿Guardar este control en su historial")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []
    text = seen.getvalue()
    for english in ("What does this mean", "Go back", "Not sure", "Check your answers", "not a diagnosis", "Save"):
        assert english not in text
