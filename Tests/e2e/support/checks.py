"""Counting assertions for the e2e drivers: `check = Checks()`, then `check(name, condition, detail)` prints
`ok   NAME` or `FAIL NAME: DETAIL`; `check.passed` / `check.failed` feed the script's `N passed, M failed` line."""


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
