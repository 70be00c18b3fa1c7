"""How questions reach the patient: one small interface, two ways to ask.

``QuestionaryPrompter`` draws arrow-key menus with questionary. ``PlainPrompter`` asks one line at
a time with no colour and no cursor movement, for screen readers and basic terminals (``--plain``,
``NO_COLOR``, ``TERM=dumb``). The walk-through in interview.py only talks to this interface.
"""

from __future__ import annotations

import functools
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from backpain_cli.text_areas import PromptTexts

Validator = Callable[[str], str | None]  # returns an error message, or None when the text is fine


@dataclass(frozen=True)
class Option:
    """One menu entry: what it says, what it returns, and the keys that pick it in plain mode."""

    label: str
    value: str
    keys: tuple[str, ...] = field(default=())


class Prompter(Protocol):
    def say(self, text: str = "", *, emphasis: bool = False) -> None: ...

    def alert(self, title: str, lines: Sequence[str]) -> None: ...

    def choose(
        self, message: str, options: Sequence[Option], *, pointer: str | None = None, long_list: bool = False
    ) -> str:
        """The value chosen; ``pointer`` starts chosen. A ``long_list`` (the review) is read before
        its question where the screen does not scroll with a pointer: in plain mode the list comes
        first, then the ``pointer`` option (the way on), then the question, right above the reply."""
        ...

    def choose_many(self, message: str, options: Sequence[Option], *, selected: Sequence[str] = ()) -> list[str]:
        """The values ticked; ``selected`` starts ticked (the answer being changed)."""
        ...

    def type_text(self, message: str, validate: Validator, *, hint: str = "", fresh: bool = False) -> str:
        """The text as typed (without the line ending), once ``validate`` accepts it.

        Spaces are kept: the caller's validator decides what they mean, so a prompt can never
        accept or refuse what the answer model would not. With ``fresh`` (numbers), a refused
        entry is cleared for the next try, its message left on screen; without it (a file name)
        it stays to be corrected.
        """
        ...

    def confirm(self, message: str, *, default: bool) -> bool: ...


# ---------------------------------------------------------------------------- plain


class PlainPrompter:
    """One question per line, answers typed, nothing drawn: works with screen readers and pipes."""

    def __init__(
        self, words: PromptTexts, stdin: TextIO | None = None, stdout: TextIO | None = None, width: int | None = None
    ) -> None:
        self.words = words  # the prompts' own words and the letters for yes and no, in one language
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.width = width  # columns to wrap at; None: the terminal's, or no wrapping when not a terminal

    def _columns(self) -> int | None:
        if self.width is not None:
            return self.width
        try:
            if not self.stdout.isatty():
                return None  # a pipe or a file: whatever reads it wraps for itself
        except (AttributeError, ValueError, OSError):
            return None
        from backpain_cli.render.text import terminal_width

        return terminal_width(most=1000)

    def _fit(self, text: str, indent: str = "", first: str = "") -> str:
        """Text wrapped at the terminal's width between words, never inside a word or a number:
        the terminal itself would break "feel faint" as "feel f/aint"."""
        from backpain_cli.render.text import wrap

        width = self._columns()
        if width is None:
            return (first or indent) + text
        return "\n".join(
            "\n".join(wrap(para, width, indent=indent, first=first or indent)) for para in text.split("\n")
        )

    def _read(self, prompt: str) -> str:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def say(self, text: str = "", *, emphasis: bool = False) -> None:
        # No capitals or symbols for emphasis: screen readers may spell them out letter by letter.
        self.stdout.write((self._fit(text) if text else "") + "\n")

    def alert(self, title: str, lines: Sequence[str]) -> None:
        # Set apart by blank lines and a plain title, not rows of symbols a screen reader would
        # read out one by one.
        shown = [self._fit(line) if line else "" for line in lines]
        self.stdout.write("\n".join(["", "", self._fit(f"{title}:"), *shown, "", ""]) + "\n")

    def _menu(self, options: Sequence[Option]) -> str:
        # One option a line: a screen reader reads each in turn, and nothing wraps mid-word.
        # A long option wraps under its own text, never across a word.
        return "\n".join(
            self._fit(o.label, indent=" " * (len(o.keys[0]) + 4), first=f"  {o.keys[0]}) ") for o in options if o.keys
        )

    def choose(
        self, message: str, options: Sequence[Option], *, pointer: str | None = None, long_list: bool = False
    ) -> str:
        if long_list:  # "go on" after the list, not 37 lines above the reply
            options = [*(o for o in options if o.value != pointer), *(o for o in options if o.value == pointer)]
        menu = self._menu(options)
        while True:
            ask = f"{menu}\n{self._fit(message)}\n> " if long_list else f"{self._fit(message)}\n{menu}\n> "
            reply = self._read(ask).strip().lower()
            for option in options:
                if reply and (reply in option.keys or reply == option.label.lower()):
                    return option.value
            self.say(self.words.please_type_one_of.format(keys=", ".join(o.keys[0] for o in options if o.keys)))

    def choose_many(self, message: str, options: Sequence[Option], *, selected: Sequence[str] = ()) -> list[str]:
        menu = self._menu(options)
        while True:
            reply = self._read(f"{self._fit(message)}\n{menu}\n  {self.words.one_or_more_hint}\n> ")
            if not reply.strip() and selected:
                return list(selected)  # Enter keeps the answer being changed
            picked: list[str] = []
            for part in (p.strip().lower() for p in reply.split(",")):
                match = next((o for o in options if part and (part in o.keys or part == o.label.lower())), None)
                if match is None:
                    picked = []
                    break
                picked.append(match.value)
            if picked:
                return list(dict.fromkeys(picked))
            self.say(self.words.please_type_one_or_more.format(keys=", ".join(o.keys[0] for o in options if o.keys)))

    def type_text(self, message: str, validate: Validator, *, hint: str = "", fresh: bool = False) -> str:
        while True:  # each try is a new line: nothing refused is ever kept (``fresh`` or not)
            text = self._fit(message)
            reply = self._read(f"{text}\n{self._fit(hint, indent='  ')}\n> " if hint else f"{text}\n> ")
            problem = validate(reply)
            if problem is None:
                return reply
            self.say(problem)

    def confirm(self, message: str, *, default: bool) -> bool:
        words = self.words
        suffix = words.default_yes if default else words.default_no
        while True:
            reply = self._read(f"{self._fit(f'{message} {suffix}')} ").strip().lower()
            if not reply:
                return default
            if reply in words.yes_keys:
                return True
            if reply in words.no_keys:
                return False
            self.say(words.please_type_y_or_n)


# ---------------------------------------------------------------------------- questionary


def _ends_input_on_ctrl_d(question: Any) -> Any:
    """Make Ctrl-D end the input at a menu, as it does at an empty text prompt (EOFError).

    questionary's menus ignore Ctrl-D; a patient who presses it means to stop, and gets the same
    calm stop and save offer as Ctrl-C.
    """
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    keys = KeyBindings()

    @keys.add("c-d", eager=True)
    def _end(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return question


def _starts_afresh_when_refused(question: Any, validate: Validator) -> Any:
    """Enter on a refused entry empties the field and leaves the message on screen.

    prompt_toolkit keeps the refused text, so a patient who typed "sixty seven", read "Please type
    a whole number", and typed 67 got "sixty seven67", refused again.
    """
    from prompt_toolkit.buffer import ValidationState
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.validation import ValidationError

    keys = KeyBindings()

    @keys.add("enter", eager=True)
    def _enter(event: Any) -> None:
        buffer = event.current_buffer
        problem = validate(buffer.text)
        if problem is None:
            buffer.validation_state = ValidationState.UNKNOWN  # checked afresh: not the refusal before
            buffer.validate_and_handle()
            return
        buffer.reset()  # empty, without the validation while typing that a text change starts
        # Marked invalid, so a validation still pending from the typing leaves this message alone
        # (it would put "Please type a whole number" over "that is more than your age").
        buffer.validation_error = ValidationError(cursor_position=0, message=problem)
        buffer.validation_state = ValidationState.INVALID

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
    return question


def _shows_whole_messages(question: Any) -> Any:
    """Show a prompt's validation message whole, broken between words, at any terminal width.

    prompt_toolkit shows it in a toolbar one line high (questionary's tick-boxes use the bottom
    toolbar, which does not wrap either) and cuts whatever does not fit: at 40 columns a message
    naming two answers lost its second half. Those windows now draw the message wrapped.
    """
    from prompt_toolkit.filters import has_validation_error
    from prompt_toolkit.layout import ConditionalContainer, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    for container in question.application.layout.walk():
        if isinstance(container, ConditionalContainer) and container.filter is has_validation_error:
            window = container.content
            if isinstance(window, Window):
                window.height = None  # as high as the wrapped message, not 1
        elif isinstance(container, Window) and container.style == "class:bottom-toolbar":
            window = container
        else:
            continue
        if isinstance(window, Window) and isinstance(window.content, FormattedTextControl):
            window.content = _wrapped_text_control()(window.content)
    return question


@functools.cache
def _wrapped_text_control() -> Any:
    """A prompt_toolkit control that draws another one's text wrapped to the width it is given."""
    from prompt_toolkit.formatted_text import fragment_list_to_text, to_formatted_text
    from prompt_toolkit.layout.controls import FormattedTextControl, UIContent, UIControl

    class WrappedText(UIControl):
        def __init__(self, original: FormattedTextControl) -> None:
            self.original = original

        def _lines(self, width: int) -> tuple[str, list[str]]:
            fragments = to_formatted_text(self.original.text)
            style = " ".join(part for part in (str(self.original.style), fragments[0][0] if fragments else "") if part)
            text = fragment_list_to_text(fragments)
            lines = [line for para in text.splitlines() for line in textwrap.wrap(para, max(width, 1)) or [""]]
            return style, lines

        def preferred_height(self, width: int, max_available_height: int, wrap_lines: Any, get_line_prefix: Any) -> int:
            return len(self._lines(width)[1])

        def create_content(self, width: int, height: int) -> UIContent:
            style, lines = self._lines(width)
            return UIContent(get_line=lambda i: [(style, lines[i])], line_count=len(lines))

    return WrappedText


class QuestionaryPrompter:
    """Arrow-key menus. Every prompt uses ``unsafe_ask``, so Ctrl-C raises instead of returning None,
    and Ctrl-D raises EOFError at every prompt, as the end of input does."""

    def __init__(self, words: PromptTexts, console: Any = None) -> None:
        import questionary  # loaded only for the interactive questionnaire

        from backpain_cli.render.rich_summary import make_console

        self.words = words
        self.q = questionary
        self.console = console if console is not None else make_console()  # 80 columns if it reports 0

    def say(self, text: str = "", *, emphasis: bool = False) -> None:
        from rich.text import Text

        self.console.print(Text(text, style="bold" if emphasis else ""))

    def _fit(self, message: str, tail: str = "") -> str:
        """A prompt's message broken between words at the terminal's width, leaving room for what
        questionary prints after it (``tail``: the instruction or the answer box): the terminal
        itself would break "the" as "t/he" or a file name in two."""
        width = max(self.console.width - 2, 20)  # "? " comes first
        lines = textwrap.wrap(message, width, break_long_words=False, break_on_hyphens=False) or [""]
        if tail and len(lines[-1]) + 1 + len(tail) > width:
            lines.append("")  # the instruction starts a line of its own
        return "\n".join(lines)

    def _fit_choice(self, label: str, before: int) -> str:
        """A menu entry broken between words under its own first word: questionary draws each entry
        on one line, so at 60 columns the emergency menu's way to finish the questions lost its last
        words. ``before``: the columns of the pointer (and tick box) before it."""
        width = max(self.console.width - before - 1, 20)
        lines = textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [label]
        return ("\n" + " " * before).join(lines)

    def alert(self, title: str, lines: Sequence[str]) -> None:
        from rich.panel import Panel
        from rich.text import Text

        body = Text("\n".join(lines))
        self.console.print(Panel(body, title=Text(title, style="bold"), border_style="bold red", padding=(1, 2)))

    def choose(
        self, message: str, options: Sequence[Option], *, pointer: str | None = None, long_list: bool = False
    ) -> str:
        # A long list scrolls under its question here, the pointer on ``pointer``: order kept.
        choices = [self.q.Choice(self._fit_choice(o.label, 3), value=o.value) for o in options]
        default = next((c for c in choices if c.value == pointer), None)
        # The review's list is taller than a 24-row screen and scrolls: say there is more below.
        instruction = self.words.arrows_long if long_list else self.words.arrows
        # The answer chosen is shown after the question's last line: when the longest could not fit
        # there, the question ends its line, so the terminal never breaks an answer inside a word.
        longest = max((str(c.title).split("\n")[0] for c in choices), key=len, default="")
        message = self._fit(message, longest if len(longest) > len(instruction) else instruction)
        question = self.q.select(message, choices=choices, default=default, qmark="?", instruction=instruction)
        return str(_ends_input_on_ctrl_d(question).unsafe_ask())

    def choose_many(self, message: str, options: Sequence[Option], *, selected: Sequence[str] = ()) -> list[str]:
        choices = [
            self.q.Choice(self._fit_choice(o.label, 5), value=o.value, checked=o.value in selected) for o in options
        ]
        words = self.words
        question = self.q.checkbox(
            self._fit(message, words.tick),
            choices=choices,
            instruction=words.tick,
            validate=lambda items: True if items else words.tick_at_least_one,
        )
        picked = _ends_input_on_ctrl_d(_shows_whole_messages(question)).unsafe_ask()
        return [str(v) for v in picked]

    def type_text(self, message: str, validate: Validator, *, hint: str = "", fresh: bool = False) -> str:
        return str(self.text_question(message, validate, hint=hint, fresh=fresh).unsafe_ask())

    def text_question(self, message: str, validate: Validator, *, hint: str = "", fresh: bool = False) -> Any:
        """The questionary text prompt that ``type_text`` asks, ready to run (tests draw it)."""

        def check(text: str) -> bool | str:
            problem = validate(text)
            return True if problem is None else problem

        prompt = self._fit(f"{message} {hint}".strip(), "xxxx")  # room for a few typed characters
        question = _shows_whole_messages(self.q.text(prompt, validate=check))
        return _starts_afresh_when_refused(question, validate) if fresh else question

    def confirm(self, message: str, *, default: bool) -> bool:
        words = self.words
        if words.yes_keys[0] != "y":
            # questionary's confirm speaks English (y/n, "(Y/n)", "Yes"): another language asks Sí / No.
            yes = self.q.Choice(words.yes, value=True, shortcut_key=words.yes_keys[0][:1])
            no = self.q.Choice(words.no, value=False, shortcut_key=words.no_keys[0][:1])
            prompt = self._fit(message, words.arrows)
            question = self.q.select(
                prompt, [yes, no], default=yes if default else no, use_shortcuts=True, instruction=words.arrows
            )
            return bool(_ends_input_on_ctrl_d(question).unsafe_ask())
        # Enter is needed: with questionary's auto_enter, "y" answered at once and the Enter a
        # patient types after it went to the next prompt, taking a file name they never saw.
        question = self.q.confirm(self._fit(message, words.default_no), default=default, auto_enter=False)
        return bool(_ends_input_on_ctrl_d(question).unsafe_ask())
