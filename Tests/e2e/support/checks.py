"""Counting assertions for the e2e drivers: `check = Checks()`, then `check(name, condition, detail)` prints
`ok   NAME` or `FAIL NAME: DETAIL`; `check.passed` / `check.failed` feed the script's `N passed, M failed` line
through `check.write_counts(path)` (the script's `add_counts` reads that file)."""


class Checks:
    def __init__(self, detail_limit=None):
        self.passed = 0
        self.failed = 0
        self.detail_limit = detail_limit

    def __call__(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failed += 1
            text = str(detail)
            if self.detail_limit:
                text = text[:self.detail_limit]
            print(f"FAIL {name}: {text}", flush=True)
        return condition

    def to_the_end(self, name, function, *arguments):
        """Runs `function(*arguments)`; an unexpected exception is one failed check `name`, with its reason."""
        try:
            function(*arguments)
        except Exception as error:  # an unexpected failure is one failed assertion, with its reason
            self(name, False, f"{type(error).__name__}: {error}")

    def write_counts(self, path, mode="a"):
        """Appends (mode "w": writes) "PASSED FAILED" to `path`, the file the script's `add_counts` reads."""
        with open(path, mode) as handle:
            handle.write(f"{self.passed} {self.failed}\n")
