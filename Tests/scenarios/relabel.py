"""Rewrites fields of every record in a forkexplain log, for facts the
shim takes from the real process rather than the fixture (the glibc
version comes from gnu_get_libc_version()).

usage: relabel.py LOG key=value...   (key dotted: glibc, call.name)
"""
import json
import sys


def main() -> int:
    log, *edits = sys.argv[1:]
    with open(log) as f:
        records = [json.loads(line) for line in f if line.strip()]
    for record in records:
        for edit in edits:
            path, value = edit.split("=", 1)
            *parents, leaf = path.split(".")
            node = record
            for p in parents:
                node = node.setdefault(p, {})
            node[leaf] = value
    with open(log, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
