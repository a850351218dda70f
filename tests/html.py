"""Small readers for rendered pages, so tests state what a reader sees
(the text, the links) rather than how the template happens to spell it."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from django.http import HttpResponse

# Tags that break a line when shown; inline ones (a, mark, span) do not.
_BLOCKS = {
    "address", "article", "aside", "br", "dd", "div", "dl", "dt", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "li", "main", "nav", "ol", "p", "section", "td", "th", "tr", "ul",
}  # fmt: skip


@dataclass(frozen=True)
class Link:
    href: str
    text: str
    rel: str = ""
    css_class: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[Link] = []
        self._open_links: list[tuple[dict[str, str], list[str]]] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.text.append(" ")
        if tag in ("script", "style", "title"):
            self._skipping += 1
        elif tag == "a":
            self._open_links.append(({name: value or "" for name, value in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.text.append(" ")
        if tag in ("script", "style", "title"):
            self._skipping -= 1
        elif tag == "a" and self._open_links:
            attrs, words = self._open_links.pop()
            if "href" in attrs:
                text = " ".join("".join(words).split())
                self.links.append(Link(attrs["href"], text, attrs.get("rel", ""), attrs.get("class", "")))

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        self.text.append(data)
        for _, words in self._open_links:
            words.append(data)


def _read(page: HttpResponse | str) -> _Reader:
    html = page if isinstance(page, str) else page.content.decode()
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def text_content(page: HttpResponse | str) -> str:
    """The page's visible text with tags removed and whitespace collapsed."""
    return " ".join("".join(_read(page).text).split())


def links(page: HttpResponse | str) -> list[Link]:
    """Every link on the page, in document order."""
    return _read(page).links
