"""What a page must not contain for a strict Content-Security-Policy, and for no injected markup to run."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.http import HttpResponse


@dataclass
class Markup:
    """What on a page could run script: every element the parser saw, flagged."""

    inline_scripts: list[str] = field(default_factory=list)  # <script> without src
    inline_styles: list[str] = field(default_factory=list)  # <style> elements and style="" attributes
    handlers: list[str] = field(default_factory=list)  # onclick="", onerror="", …
    script_urls: list[str] = field(default_factory=list)  # href/src/action="javascript:…"
    images: list[str] = field(default_factory=list)  # <img src=…>: the site draws none itself

    @property
    def runnable(self) -> list[str]:
        return self.inline_scripts + self.handlers + self.script_urls + self.images


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Markup()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and "src" not in values:
            self.found.inline_scripts.append(self.get_starttag_text() or tag)
        if tag == "style" or "style" in values:
            self.found.inline_styles.append(self.get_starttag_text() or tag)
        if tag == "img":
            self.found.images.append(self.get_starttag_text() or tag)
        for name, value in values.items():
            if name.startswith("on"):
                self.found.handlers.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "formaction") and "".join(value.split()).lower().startswith(
                "javascript:"
            ):
                self.found.script_urls.append(f"{tag} {name}={value!r}")


def markup(page: HttpResponse | str) -> Markup:
    scanner = _Scanner()
    scanner.feed(page if isinstance(page, str) else page.content.decode())
    scanner.close()
    return scanner.found
