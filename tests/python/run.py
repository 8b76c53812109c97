"""Runs the unittest files of one folder and ends with TAP-style totals that scripts/test counts.

Usage: target/python/NAME/bin/python tests/python/run.py tests/python/NAME
"""

import sys
import unittest


def main() -> int:
    folder = sys.argv[1]
    suite = unittest.defaultTestLoader.discover(folder, pattern="test_*.py", top_level_dir=folder)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"# pass {result.testsRun - failed}")
    print(f"# fail {failed}")
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
