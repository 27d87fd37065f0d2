"""Prints the fix forkexplain advised, as a command a scenario can apply:
the first `code span` in the advice of an event with the given verdict that
matches PATTERN in full. Exits 1, showing the advice, when there is none, so
that a scenario fails when its advice stops being the one that works.

usage: advised.py REPORT.json VERDICT PATTERN
"""
import json
import re
import sys


def main() -> int:
    report_path, verdict, pattern = sys.argv[1:]
    with open(report_path) as f:
        events = [e for e in json.load(f).get("events", []) if e.get("verdict") == verdict]
    if not events:
        print(f"FAIL: no {verdict} event in the report", file=sys.stderr)
        return 1
    for event in events:
        for line in event.get("advice", []):
            for span in re.findall(r"`([^`]+)`", line):
                if re.fullmatch(pattern, span):
                    print(span)
                    return 0
    print(f"FAIL: no advised command matches /{pattern}/; the advice was:", file=sys.stderr)
    for line in events[0].get("advice", []):
        print("  -", line, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
