# A Lambda handler shaped like raven-python-lambda's before its fix
# (github.com/Netflix-Skunkworks/raven-python-lambda/pull/12): each
# invocation starts a timer to warn just before the function's timeout,
# and, unless the event says "cancel" (the fix), leaves it running when it
# returns.
import threading


def handler(event, context):
    seconds = context.get_remaining_time_in_millis() / 1000 - 0.5
    timer = threading.Timer(seconds, print, ("about to time out",))
    timer.start()
    if event.get("cancel"):
        timer.cancel()
        timer.join()
    return "ok"
