"""Checks the files `tandem report` wrote (Tests/e2e/reports.sh): the HTML parses (every tag closed in order,
like a browser's strict reading), the anonymised programme report holds no name, address, pair label or free text,
and the counts are right. Usage: reports_check.py programme DIR FORBIDDEN_FILE | certificate FILE NAME..."""
import html.parser
import re
import sys

from checks import Checks

check = Checks(detail_limit=400)
VOID = {"meta", "link", "br", "hr", "img", "input", "line", "rect", "circle", "path"}


class Strict(html.parser.HTMLParser):
    """Records unbalanced tags; SVG children like <line/> may be self-closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(path):
    parser = Strict()
    with open(path, encoding="utf-8") as file:
        source = file.read()
    parser.feed(source)
    parser.close()
    check(f"{path.split('/')[-1]} parses with every tag closed in order", not parser.problems and not parser.stack,
          parser.problems + parser.stack)
    return source, parser


def programme(folder, forbidden_file):
    source, parser = parse(f"{folder}/index.html")
    check("the programme report has 4 inline SVG charts", parser.tags.count("svg") == 4, parser.tags.count("svg"))
    files = {name: open(f"{folder}/{name}", encoding="utf-8", newline="").read() for name in [
        "sessions_per_week.csv", "hours_per_pair.csv", "feedback_usefulness.csv", "transferability_ratings.csv"]}
    check("usefulness: under 5 people rated 3, so the 6 who rated 5 are withheld too (the total would give it away)",
          files["feedback_usefulness.csv"] == "usefulness,answers\r\n1,0\r\n2,0\r\n3,<5\r\n4,0\r\n5,x\r\n",
          repr(files["feedback_usefulness.csv"]))
    check("transferability: under 5 rated 1, so the 5 measures rated 3 are withheld too",
          files["transferability_ratings.csv"] == "rating,answers\r\n1,<5\r\n2,0\r\n3,x\r\n",
          repr(files["transferability_ratings.csv"]))
    totals = re.findall(r"(\d+) (?:answers|measures) in all", source)
    check("no total next to a lone hidden count: each hidden count has a second one withheld with it",
          all("&lt;5" not in row or "x" in row for row in [files["feedback_usefulness.csv"],
                                                              files["transferability_ratings.csv"]]), totals)
    weeks = files["sessions_per_week.csv"].split("\r\n")[1:-1]
    check("weekly sessions of under 5 pairs are hidden as <5, never a 1 to 4",
          all(line.split(",")[2] not in {"1", "2", "3", "4"} for line in weeks), weeks)
    check("the HTML shows the hidden counts as <5", "&lt;5" in source)
    forbidden = [line.rstrip("\n") for line in open(forbidden_file, encoding="utf-8") if line.strip()]
    outputs = {"index.html": source, **files}
    leaks = []
    for text in forbidden:
        pattern = re.compile(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])")
        leaks += [f"{text!r} in {name}" for name, output in outputs.items() if pattern.search(output)]
    check(f"none of {len(forbidden)} names, addresses, pair labels or sentences is in the HTML or CSV",
          not leaks, leaks)


def certificate(path, names):
    source, parser = parse(path)
    check("the certificate page is set for A4 printing", "@page{size:A4" in source)
    check("one sheet per person", source.count('<section class="sheet"') == len(names), len(names))
    text = "".join(parser.text)
    check("each sheet says what it certifies",
          source.count("<h1>Certificate of satisfactory completion</h1>") == len(names))
    for name in names:
        check(f"the certificate names {name!r}", name in text)
    check("names are escaped in the markup", "<Novak>" not in source and "&lt;Novak&gt; &amp; Co" in source)


if sys.argv[1] == "programme":
    programme(sys.argv[2], sys.argv[3])
else:
    certificate(sys.argv[2], sys.argv[3:])
print(f"checked: {check.passed} passed, {check.failed} failed")
