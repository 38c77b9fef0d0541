"""A tokenizer for JavaScript and TypeScript (with JSX), enough to find model names in code.

It knows what a regex over source text does not: comments, string literals (with escapes),
template literals and their ``${...}`` substitutions (nested to any depth), regular-expression
literals (told apart from division by the token before them) and JSX (element text and
attribute strings are not code; ``{...}`` containers inside elements are). The output is a flat
list of tokens; a string token carries its cooked value, a template with substitutions carries
none (its value is only known at run time).

Linear time in the input, bounded by ``MAX_TOKENS``; input it cannot follow (an unterminated
string or comment) raises ``LexError`` and the file has no sites, as for a Python file that
does not parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TOKENS = 400_000
MAX_NESTING = 1_000


class LexError(ValueError):
    """Text this tokenizer cannot follow (unterminated literal, runaway nesting)."""


@dataclass(frozen=True, slots=True)
class Token:
    """One TS/JS token, with its line and, for a string, its value."""

    kind: str  # "name", "str" (value set), "tpl" (template with substitutions), "num", "punct",
    # "regex", "jsx" (a whole JSX element: an operand, like a string)
    text: str
    line: int
    value: str | None = None


_SPACE = re.compile(r"(?:[ \t\r\n\f\v\u00a0\u2028\u2029\ufeff]+|//[^\n]*|/\*[\s\S]*?\*/)+")
_NAME = re.compile(r"#?[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")
_NUMBER = re.compile(
    r"0[xXbBoO][\da-fA-F_]+n?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?"
)
_STRING = {
    "'": re.compile(r"'((?:[^'\\\n]|\\[\s\S])*)'"),
    '"': re.compile(r'"((?:[^"\\\n]|\\[\s\S])*)"'),
}
_TEMPLATE_PART = re.compile(r"((?:[^`\\$]|\\[\s\S]|\$(?!\{))*)(`|\$\{)")
_REGEX = re.compile(r"/(?![*/])(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[A-Za-z]*")
_PUNCT = re.compile(
    r">>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|\?\?=|&&=|\|\|=|=>|==|!=|<=|>=|&&|\|\||\?\?"
    r"|\?\.(?!\d)|\+\+|--|[-+*/%&|^]=|<<|>>|\*\*|[{}()\[\];,<>+\-*/%&|^!~?:=.@]"
)
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
# after these a "/" starts a regex and a "<" can start JSX: an operand is expected
_BEFORE_OPERAND = frozenset(
    {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
     "do", "else", "yield", "await", "extends", "default"}
)  # fmt: skip
_JSX_NAME = re.compile(r"[A-Za-z_$][\w$.:-]*")
_JSX_ATTR = re.compile(r"[A-Za-z_$][\w$:-]*")
_JSX_TEXT = re.compile(r"[^<{]*")
_JSX_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*[\s\S]*?\*/)*")
_TS_GENERIC = re.compile(r"<\s*[A-Za-z_$][\w$]*\s*(?:,|extends\b)")


def cook(raw: str) -> str:
    """The value of a string literal's body (escapes applied)."""
    if "\\" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc.startswith("u{"):
            return _char(int(esc[2:-1], 16))
        if esc[0] in "ux" and len(esc) > 1:
            return _char(int(esc[1:], 16))
        if esc in ("\n", "\r\n", "\r", "\u2028", "\u2029"):
            return ""  # a line continuation
        return _SIMPLE.get(esc, esc)

    return _ESCAPE.sub(one, raw)


def _char(code: int) -> str:
    return chr(code) if code <= 0x10FFFF else "\ufffd"


def tokenize(text: str, *, jsx: bool, tsx: bool = False) -> list[Token]:
    """The tokens of ``text``; ``jsx`` where the language has JSX (.js/.jsx/.tsx, not .ts)."""
    return _Lexer(text, jsx=jsx, tsx=tsx).run()


@dataclass(slots=True)
class _Template:
    """A template literal being read: its head token's index and its literal parts so far."""

    index: int
    parts: list[str]


class _Lexer:
    def __init__(self, text: str, *, jsx: bool, tsx: bool) -> None:
        self.text, self.jsx, self.tsx = text, jsx, tsx
        self.pos, self.line = 0, 1
        self.out: list[Token] = []
        # what a "}" closes: "{" a brace, a _Template's substitution, ("jsx", depth, state) a
        # JSX expression container
        self.stack: list[object] = []

    def run(self) -> list[Token]:
        text = self.text
        if text.startswith("#!"):
            self._advance(text.find("\n") if "\n" in text else len(text))
        while self.pos < len(text):
            if len(self.out) > MAX_TOKENS:
                raise LexError("too many tokens")
            m = _SPACE.match(text, self.pos)
            if m:
                self._advance(m.end())
                continue
            if text.startswith("/*", self.pos):
                raise LexError(f"unterminated comment on line {self.line}")
            self._token()
        if any(s != "{" for s in self.stack):
            raise LexError("unterminated template or JSX")
        return self.out

    def _advance(self, end: int) -> None:
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def _emit(self, kind: str, end: int, value: str | None = None) -> None:
        self.out.append(Token(kind, self.text[self.pos : end], self.line, value))
        self._advance(end)

    def _operand_expected(self) -> bool:
        if not self.out:
            return True
        last = self.out[-1]
        if last.kind == "punct":
            return last.text not in (")", "]", "}")
        return last.kind == "name" and last.text in _BEFORE_OPERAND

    def _token(self) -> None:
        text, pos = self.text, self.pos
        c = text[pos]
        if c in "'\"":
            m = _STRING[c].match(text, pos)
            if m is None:
                raise LexError(f"unterminated string on line {self.line}")
            self._emit("str", m.end(), cook(m.group(1)))
        elif c == "`":
            self._template(pos + 1, None)
        elif c.isdigit() or (c == "." and text[pos + 1 : pos + 2].isdigit()):
            m = _NUMBER.match(text, pos)
            self._emit("num", m.end() if m else pos + 1)
        elif c == "/" and self._operand_expected() and (m := _REGEX.match(text, pos)):
            self._emit("regex", m.end())
        elif c == "<" and self.jsx and self._operand_expected() and self._jsx_start(pos):
            self._jsx(pos, depth=0, state="tag")
        elif c == "}" and self.stack and self.stack[-1] != "{":
            top = self.stack.pop()
            self._advance(pos + 1)
            if isinstance(top, _Template):
                self._template(pos + 1, top)
            else:
                assert isinstance(top, tuple)
                self.out.append(Token("punct", ")", self.line))
                self._jsx(pos + 1, depth=top[1], state=top[2])
        elif m := _NAME.match(text, pos):
            self._emit("name", m.end())
        elif m := _PUNCT.match(text, pos):
            if m.group() == "{":
                self._push("{")
            elif m.group() == "}" and self.stack:
                self.stack.pop()
            self._emit("punct", m.end())
        else:
            self._advance(pos + 1)  # a stray character (a backslash...): not part of any token

    def _push(self, what: object) -> None:
        if len(self.stack) >= MAX_NESTING:
            raise LexError("nesting too deep")
        self.stack.append(what)

    def _template(self, start: int, within: _Template | None) -> None:
        """From ``start`` (just after "`", or a substitution's "}" of the template ``within``)
        to the template's end or its next ``${``. A template without substitutions is a plain
        string token; one with substitutions is a "tpl" token at its head whose ``value``, once
        its end is read, is its literal text with ``${...}`` for each substitution (the text
        after a substitution is no token, yet a change of it is a change of the template)."""
        m = _TEMPLATE_PART.match(self.text, start)
        if m is None:
            raise LexError(f"unterminated template literal on line {self.line}")
        if within is None and m.group(2) == "`":
            self.pos = start - 1
            self._emit("str", m.end(), cook(m.group(1)))
            return
        if within is None:
            self.pos = start - 1
            within = _Template(len(self.out), [])
            self._emit("tpl", m.end())
        else:
            self._advance(m.end())
        within.parts.append(m.group(1))
        if m.group(2) == "`":
            head = self.out[within.index]
            self.out[within.index] = Token("tpl", head.text, head.line, "${...}".join(within.parts))
            return
        self._push(within)

    def _jsx_start(self, pos: int) -> bool:
        nxt = self.text[pos + 1 : pos + 2]
        if not (nxt == ">" or nxt.isalpha() or nxt in "_$"):
            return False
        return not (self.tsx and _TS_GENERIC.match(self.text, pos))  # <T,>() => in .tsx

    def _jsx(self, pos: int, *, depth: int, state: str) -> None:
        """Skip JSX from ``pos`` until the outermost element closes (one "jsx" token) or a
        ``{`` container opens (its contents are tokenized as code; "}" resumes here)."""
        text, start = self.text, pos
        while True:
            if state == "tag":  # at "<" of an opening or closing tag
                closing = text.startswith("</", pos)
                pos += 2 if closing else 1
                pos = _JSX_SPACE.match(text, pos).end()  # type: ignore[union-attr]
                m = _JSX_NAME.match(text, pos)
                pos = m.end() if m else pos
                if closing:
                    end = text.find(">", pos)
                    if end < 0:
                        raise LexError(f"unterminated JSX closing tag on line {self.line}")
                    pos, depth = end + 1, depth - 1
                    state = "done" if depth == 0 else "children"
                else:
                    state = "attrs"
            elif state == "attrs":
                pos = _JSX_SPACE.match(text, pos).end()  # type: ignore[union-attr]
                c = text[pos : pos + 1]
                if not c:
                    raise LexError(f"unterminated JSX tag on line {self.line}")
                if text.startswith("/>", pos):
                    pos += 2
                    state = "done" if depth == 0 else "children"
                elif c == ">":
                    pos, depth, state = pos + 1, depth + 1, "children"
                elif c == "{":
                    return self._jsx_container(start, pos, depth, "attrs")
                elif c in "'\"":
                    end = text.find(c, pos + 1)
                    if end < 0:
                        raise LexError(f"unterminated JSX attribute on line {self.line}")
                    pos = end + 1
                elif m := _JSX_ATTR.match(text, pos):
                    pos = m.end()
                elif c == "=":
                    pos += 1
                elif c == "<":  # an element as an attribute value: rare, treated as a child
                    state = "tag"
                else:
                    raise LexError(f"unexpected {c!r} in a JSX tag on line {self.line}")
            elif state == "children":
                pos = _JSX_TEXT.match(text, pos).end()  # type: ignore[union-attr]
                if pos >= len(text):
                    raise LexError(f"unterminated JSX element on line {self.line}")
                if text[pos] == "{":
                    return self._jsx_container(start, pos, depth, "children")
                state = "tag"
            else:  # done: the whole element is one operand
                self.out.append(Token("jsx", "<jsx>", self.line))
                self._advance(pos)
                return

    def _jsx_container(self, start: int, pos: int, depth: int, state: str) -> None:
        self.pos = start
        self._advance(pos + 1)
        self._push(("jsx", depth, state))
        # a container holds an expression: a parenthesis for whoever reads the tokens (and a
        # regex or JSX may start it)
        self.out.append(Token("punct", "(", self.line))
