"""Runs the unittest files of one folder and ends with TAP-style totals that scripts/test counts.

Usage: target/python/NAME/bin/python tests/python/run.py tests/python/NAME
"""

import sys
import unittest


def main() -> int:
    folder = sys.argv[1]
    suite = unittest.defaultTestLoader.discover(folder, pattern="test_*.py", top_level_dir=folder)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    # A failing subtest is reported on its own; count each test method once, as testsRun does.
    failing = {getattr(test, "test_case", test).id() for test, _ in result.failures + result.errors}
    failing.update(test.id() for test in result.unexpectedSuccesses)
    failed = len(failing)
    print(f"# pass {result.testsRun - failed}")
    print(f"# fail {failed}")
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
