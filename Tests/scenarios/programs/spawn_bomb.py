"""Starts sleeping children with subprocess until the kernel refuses one,
prints Python's own error, then kills and reaps every child it started."""
import subprocess
import sys
import traceback

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 100
children = []
try:
    for _ in range(limit):
        children.append(subprocess.Popen(["sleep", "60"]))
    print(f"started {len(children)} children without a failure")
except OSError:
    print(f"after {len(children)} children:")
    traceback.print_exc(limit=1, file=sys.stdout)
finally:
    for child in children:
        child.kill()
    for child in children:
        child.wait()
