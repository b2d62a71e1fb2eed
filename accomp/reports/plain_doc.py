"""A tiny document builder: headings, paragraphs, lists and tables, written once and
rendered both as Markdown and as simple HTML (printed to PDF by pdf.html_pdf).

Every piece of text is escaped for the format it goes to: values typed by a worker
(names, notes) never become markup.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)

_CSS = (
    "body { font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; font-size: 11pt; }"
    "h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 16pt; }"
    "h3 { font-size: 12pt; margin-top: 10pt; }"
    "table { border-collapse: collapse; } td, th { border: 1px solid #888; padding: 3px; }"
    "th { background-color: #eee; text-align: left; } .small { font-size: 9pt; color: #444; }"
)


def date_fr(day: dt.date | None) -> str:
    """'28 novembre 2026'."""
    if day is None:
        return "—"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS_FR[day.month - 1]} {day.year}"


def datetime_fr(at: dt.datetime | None) -> str:
    """'28 novembre 2026 à 14 h 05', in the computer's local time."""
    if at is None:
        return "—"
    if at.tzinfo is not None:
        at = at.astimezone()
    return f"{date_fr(at.date())} à {at.hour} h {at.minute:02d}"


def parse_iso(value: str | None) -> dt.datetime | None:
    """Instants as the store exports them ('…Z' = UTC)."""
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass
class Doc:
    md: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)

    def h1(self, text: str) -> None:
        self.md.append(f"# {_md(text)}\n")
        self.html.append(f"<h1>{_h(text)}</h1>")

    def h2(self, text: str) -> None:
        self.md.append(f"## {_md(text)}\n")
        self.html.append(f"<h2>{_h(text)}</h2>")

    def h3(self, text: str) -> None:
        self.md.append(f"### {_md(text)}\n")
        self.html.append(f"<h3>{_h(text)}</h3>")

    def p(self, text: str, *, small: bool = False) -> None:
        self.md.append(f"{_md(text)}\n")
        cls = ' class="small"' if small else ""
        self.html.append(f"<p{cls}>{_h(text)}</p>")

    def ul(self, items: list[str]) -> None:
        if not items:
            return
        self.md.append("\n".join(f"- {_md(i)}" for i in items) + "\n")
        self.html.append("<ul>" + "".join(f"<li>{_h(i)}</li>" for i in items) + "</ul>")

    def table(self, header: list[str] | None, rows: list[list[str]]) -> None:
        """A table; without a header, a two-column list of label and value."""
        if not rows:
            return
        width = len(header) if header else len(rows[0])
        md = ["| " + " | ".join(_cell(h) for h in header or [""] * width) + " |",
              "|" + "---|" * width]
        md += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
        self.md.append("\n".join(md) + "\n")
        head = ("<tr>" + "".join(f"<th>{_h(h)}</th>" for h in header) + "</tr>") if header else ""
        body = "".join(
            "<tr>" + "".join(f"<td>{_h(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        self.html.append(
            f'<table width="100%" cellspacing="0" cellpadding="3">{head}{body}</table>'
        )

    def markdown(self) -> str:
        return "\n".join(self.md)

    def to_html(self, title: str) -> str:
        return (
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
            f"<title>{_h(title)}</title><style>{_CSS}</style></head><body>"
            + "".join(self.html) + "</body></html>"
        )


def _h(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|!"})


def _md(text: str) -> str:
    return text.translate(_MD_SPECIAL)


def _cell(text: str) -> str:
    return _md(text).replace("\n", "<br>")
