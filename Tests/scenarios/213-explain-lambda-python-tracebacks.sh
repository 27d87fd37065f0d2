# Python threads refused in AWS Lambda, as users pasted them: a timer per
# invocation from raven-python-lambda ("my team frequently sees this
# whenever we try to do ~500 invocations at once",
# github.com/Netflix-Skunkworks/raven-python-lambda/issues/38) and the
# thread sentry-sdk 1.40 started (github.com/getsentry/sentry-python/issues/2741,
# gone on rolling back to 1.39.2). A function holds at most 1,024 processes
# and threads, which no setting raises (docs/kernel-facts.md §11.116). No
# machine state of a Lambda environment was published, so this checks
# what `explain` makes of the texts: main's gave CPython's generic advice;
# /var/task and /var/lang must now name the quota and the fix, and the
# same text with the paths of another machine must not.
. "$(dirname "$0")/lib.sh"
raven='File "/var/task/handlers/main.py.py", line 19, in handler
    return '"''"'
  File "/var/task/raven_python_lambda/__init__.py", line 208, in decorated
    raise e
  File "/var/task/raven_python_lambda/__init__.py", line 202, in decorated
    timers = install_timers(self.config, context)
  File "/var/task/raven_python_lambda/__init__.py", line 272, in install_timers
    t.start()
  File "/var/lang/lib/python3.6/threading.py", line 846, in start
    _start_new_thread(self._bootstrap, ())
RuntimeError: can'"'"'t start new thread'
explain_reads "$raven" 'Python (threading)' cgroup_pids_limit 'EAGAIN or EPERM while creating a thread' \
	'AWS Lambda' 'at most 1,024 processes and threads together' 'cannot be increased' \
	'still there in the next one' 'Join or cancel' '§11.116'
sentry='File "/var/task/sentry_sdk/integrations/threading.py", line 56, in sentry_start
    return old_start(self, *a, **kw)
File "/var/lang/lib/python3.9/threading.py", line 899, in start
    _start_new_thread(self._bootstrap, ())
RuntimeError: can'"'"'t start new thread'
explain_reads "$sentry" 'Python (threading)' cgroup_pids_limit 'AWS Lambda' 'at most 1,024 processes and threads together'
# Negative: the traceback as it would read on a machine of one's own.
"$FORKEXPLAIN" explain "$(printf '%s' "$raven" | sed 's|/var/task/|/srv/app/|; s|/var/lang/|/usr/|')" >"$WORK/plain"
grep -q 'printed by Python (threading)' "$WORK/plain" || fail "explain lost Python without Lambda's paths: $(head -3 "$WORK/plain")"
! grep -q 'Lambda' "$WORK/plain" || fail "explain names Lambda without its paths: $(cat "$WORK/plain")"
echo "ok: explain names Lambda's 1,024 processes and threads and the fix for raven-python-lambda's and sentry-sdk's tracebacks, and not for the same traceback elsewhere"
