"""Asserts on `forkexplain report --format json`: the scenario's failure got
the expected verdict, with the evidence a user needs.

usage: check_report.py REPORT.json LOG key=value...
keys: verdict, family, call, errno, binding (substring of binding_limit),
evidence (substring of some evidence line), misleading (substring of the
note on a misleading errno), not_family, min_events.
"""
import json
import sys


def main() -> int:
    report_path, log_path, *checks = sys.argv[1:]
    with open(report_path) as f:
        report = json.load(f)
    with open(log_path) as f:
        records = [json.loads(line) for line in f if line.strip()]
    events = report.get("events", [])
    want = dict(c.split("=", 1) for c in checks)

    def show() -> str:
        brief = [
            {k: e.get(k) for k in ("verdict", "call", "errno", "binding_limit", "confidence", "evidence", "misleading")}
            for e in events
        ]
        return json.dumps(brief, indent=1)[:4000]

    if not records:
        print("FAIL: the shim wrote no record to", log_path)
        return 1
    if not events:
        print("FAIL: forkexplain found no event in", log_path)
        return 1
    failures = [r for r in records if r.get("type") == "failure"]
    if len(failures) < int(want.pop("min_events", "1")):
        print("FAIL: too few failure records:", len(failures))
        return 1
    not_family = want.pop("not_family", None)
    if not_family and any(e.get("family") == not_family for e in events):
        print(f"FAIL: some event was classified as {not_family}:\n{show()}")
        return 1
    evidence = want.pop("evidence", None)
    binding = want.pop("binding", None)
    misleading = want.pop("misleading", None)
    matching = [
        e
        for e in events
        if all(str(e.get(k)) == v for k, v in want.items())
        and (binding is None or binding in str(e.get("binding_limit", "")))
        and (evidence is None or any(evidence in line for line in e.get("evidence", [])))
        and (misleading is None or misleading in (e.get("misleading") or ""))
    ]
    if not matching:
        print(f"FAIL: no event has {checks}:\n{show()}")
        return 1
    e = matching[0]
    if not e.get("advice"):
        print("FAIL: the verdict gives no fix:", json.dumps(e)[:2000])
        return 1
    print(f"ok: {e['verdict']} ({e.get('confidence')}) for {e.get('call')} {e.get('errno')}: {e.get('binding_limit')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
