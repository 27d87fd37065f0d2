"""Asserts on `forkexplain report --format json`: the scenario's failure got
the expected verdict, with the evidence a user needs and a fix that works
from where the user stands.

usage: check_report.py REPORT.json LOG key=value...
keys (one event must satisfy all of them):
  verdict, family, call, errno, confidence   equal; `a|b` accepts either
  binding       substring of binding_limit
  binding_not   binding_limit does not contain it (case-insensitive)
  evidence      substring of some evidence line
  evidence_re   some evidence line matches this regex (case-insensitive)
  not_evidence  no evidence line contains it
  misleading    substring of the note on a misleading errno
  advice        substring of some advice line
  not_advice    no advice line contains it
binding_not, evidence, evidence_re, not_evidence, advice, not_advice,
not_family and not_verdict may be repeated.
keys on the whole report:
  not_family, not_verdict   no event has it
  min_events                at least this many failure records (default 1;
                            0 for a log of tallies only)
keys on the shim's first failure record (is the fixture read as meant?):
  rec.PATH=VALUE   PATH is dotted, list items by index
                   (rec.cgroups.pids.0.max=max); VALUE `absent` means the
                   field is not there.
"""
import json
import re
import sys

REPEATABLE = {"binding_not", "evidence", "evidence_re", "not_evidence", "advice", "not_advice", "not_family",
              "not_verdict"}


def record_field(record, path):
    node = record
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return "absent"
    return node if isinstance(node, str) else json.dumps(node)


def event_fails(e, want, many):
    """Why event e does not satisfy the checks, or None."""
    for k, v in want.items():
        if str(e.get(k)) not in v.split("|"):
            return f"{k} is {e.get(k)!r}, not {v!r}"
    binding = str(e.get("binding_limit", ""))
    if "binding" in many and many["binding"][0] not in binding:
        return f"binding_limit {binding!r} lacks {many['binding'][0]!r}"
    for bad in many.get("binding_not", []):
        if bad.lower() in binding.lower():
            return f"binding_limit {binding!r} says {bad!r}"
    evidence = e.get("evidence", [])
    for want_line in many.get("evidence", []):
        if not any(want_line in line for line in evidence):
            return f"no evidence line contains {want_line!r}"
    for pattern in many.get("evidence_re", []):
        if not any(re.search(pattern, line, re.I) for line in evidence):
            return f"no evidence line matches /{pattern}/"
    for bad in many.get("not_evidence", []):
        if any(bad in line for line in evidence):
            return f"an evidence line contains {bad!r}"
    if "misleading" in many and many["misleading"][0] not in (e.get("misleading") or ""):
        return f"misleading note {e.get('misleading')!r} lacks {many['misleading'][0]!r}"
    advice = e.get("advice", [])
    for want_line in many.get("advice", []):
        if not any(want_line in line for line in advice):
            return f"no advice line contains {want_line!r}"
    for bad in many.get("not_advice", []):
        if any(bad in line for line in advice):
            return f"an advice line contains {bad!r}"
    return None


def main() -> int:
    report_path, log_path, *checks = sys.argv[1:]
    with open(report_path) as f:
        report = json.load(f)
    with open(log_path) as f:
        records = [json.loads(line) for line in f if line.strip()]
    events = report.get("events", [])
    want, many, rec = {}, {}, {}
    for c in checks:
        k, v = c.split("=", 1)
        if k.startswith("rec."):
            rec[k[4:]] = v
        elif k in REPEATABLE or k in ("binding", "misleading"):
            many.setdefault(k, []).append(v)
        else:
            want[k] = v

    def show() -> str:
        keys = ("verdict", "confidence", "call", "errno", "binding_limit", "evidence", "misleading", "advice")
        return json.dumps([{k: e.get(k) for k in keys} for e in events], indent=1)[:6000]

    if not records:
        print("FAIL: the shim wrote no record to", log_path)
        return 1
    failures = [r for r in records if r.get("type") == "failure"]
    if len(failures) < int(want.pop("min_events", "1")):
        print("FAIL: too few failure records:", len(failures))
        return 1
    wrong = {p: (record_field(failures[0], p), v) for p, v in rec.items() if record_field(failures[0], p) != v}
    if wrong:
        print("FAIL (the record, not the verdict): the shim did not read the fixture as meant:")
        for p, (got, v) in wrong.items():
            print(f"  {p}: {got} (expected {v})")
        return 1
    if not events:
        print("FAIL: forkexplain found no event in", log_path)
        return 1
    for key in ("not_family", "not_verdict"):
        for bad in many.pop(key, []):
            if any(e.get(key[4:]) == bad for e in events):
                print(f"FAIL: some event has {key[4:]} {bad}:\n{show()}")
                return 1
    reasons = [event_fails(e, want, many) for e in events]
    matching = [e for e, why in zip(events, reasons) if why is None]
    if not matching:
        print(f"FAIL: no event has {checks}: {'; '.join(reasons)}\n{show()}")
        return 1
    e = matching[0]
    if not e.get("advice"):
        print("FAIL: the verdict gives no fix:", json.dumps(e)[:2000])
        return 1
    print(f"ok: {e['verdict']} ({e.get('confidence')}) for {e.get('call')} {e.get('errno')}: {e.get('binding_limit')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
