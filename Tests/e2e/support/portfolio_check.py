#!/usr/bin/env python3
"""Checks the portfolio Tests/e2e/school_portfolio.sh received (standard library only): every part present, in the
pupil's language; nothing the pupil left out; no name but hers; what people typed escaped; printable on A4 with
every element closed. With --pdf, the page sizes of headless Chromium's rendering are A4 too.

  portfolio_check.py FILE [--pdf FILE.pdf]
"""
import argparse
import re
import sys
from html.parser import HTMLParser

from checks import Checks

check = Checks(detail_limit=400)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_EMPTY = {"line", "rect", "path", "circle"}


class Balance(HTMLParser):
    """Every element opened is closed, in order; the ids of the sections met."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.problems, self.sections, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append(dict(attrs).get("id"))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.problems.append(f"</{tag}> while {self.open[-3:]} open")

    def handle_data(self, data):
        self.text.append(data)


def a4_pages(pdf):
    """The MediaBox sizes (points) of a PDF's pages."""
    data = open(pdf, "rb").read().decode("latin-1")
    return [(float(w), float(h)) for w, h in re.findall(r"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--pdf")
    args = parser.parse_args()
    html = open(args.file, encoding="utf-8").read()
    balance = Balance()
    balance.feed(html)
    balance.close()
    text = "".join(balance.text)

    check("every element is closed, in order", not balance.problems and not balance.open,
          f"{balance.problems[:5]} open: {balance.open}")
    parts = ["programme", "joint-statement", "objectives", "outcomes", "evaluation", "certificate"]
    sections = [section for section in balance.sections if section]
    check("every part is there: " + ", ".join(parts), sections == parts, repr(balance.sections))
    check("it is in the pupil's language (Bulgarian)",
          '<html lang="bg">' in html and "Електронно портфолио" in text and "Какво научих" in text, html[:300])
    check("it prints on A4", "@page{size:A4 portrait" in html, "no @page A4 rule")
    check("the chosen goals 1 and 3 are there",
          "Четворка по математика" in text and "Да идвам навреме за първия час" in text, "goals missing")
    check("the goal Ana left out is nowhere", "PRIVATE-GOAL" not in html and "fights at home" not in html,
          "goal 2 leaked")
    check("the joint statement is there", "Научихме се да планираме седмицата заедно." in text, "no joint statement")
    check("the approved statement is there, with its change",
          "Идвах на всички срещи и си направих график." in text and "Идвах на срещите." not in text,
          "statement missing or the draft's part shown")
    check("the statement's skills are grouped like the Europass CV",
          "Професионални и дигитални умения" in text and "Комуникационни и междуличностни умения" in text
          and "Организационни умения" in text, "Europass groups missing")
    check("the project team's evaluation is there, without the evaluator",
          "Raised her maths grade from 2 to 4." in text and "участваше пълноценно и редовно" in text,
          "evaluation missing")
    check("the certificate is there", 'class="sheet"' in html and "Ana Petrova" in text, "no certificate sheet")
    check("what the pupil typed is escaped", "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html,
          "an unescaped <script>")
    for name in ("Marco", "Rossi", "Elif", "Demir", "Cora", "Nash", "Bo Lind", "Cy Moreau", "Dan Roe", "Eve Stone"):
        check(f"no other person is named ({name})", name not in html, f"{name} appears")
    if args.pdf:
        pages = a4_pages(args.pdf)
        check(f"Chromium renders it on {len(pages)} A4 page(s)",
              pages and all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in pages), repr(pages))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
