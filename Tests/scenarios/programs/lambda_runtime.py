# Stands in for AWS Lambda's Python runtime in what matters to a task
# limit: the handler module under /var/task is imported once and called
# once per invocation in the same process, and threads an invocation left
# running are still there at the next (Lambda freezes and reuses the
# environment, docs/kernel-facts.md §11.116). It prints no Lambda log
# lines of its own: a failure shows as CPython's traceback, with the
# handler's real path in it.
# Usage: lambda_runtime.py INVOCATIONS keep|cancel
import importlib
import os
import sys
import traceback

sys.path.insert(0, "/var/task")
handler = importlib.import_module("handler")


class Context:
    """The one method of Lambda's context object the handler uses."""

    def get_remaining_time_in_millis(self):
        return 300_000


invocations = int(sys.argv[1])
event = {"cancel": sys.argv[2] == "cancel"}
for n in range(1, invocations + 1):
    try:
        handler.handler(event, Context())
    except Exception:
        print(f"invocation {n} failed:", flush=True)
        traceback.print_exc()
        sys.stderr.flush()
        # The timers left running are not daemon threads: a normal exit
        # would wait the 299 s they sleep.
        os._exit(1)
print(f"{invocations} invocations without a failure", flush=True)
os._exit(0)
