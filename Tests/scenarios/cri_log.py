#!/usr/bin/env python3
"""cri_log.py LOG MAXLEN -- CMD...: runs CMD with its stdout and stderr
written to LOG as containerd writes a container's log file (the CRI log
format, docs/shipping.md "What report - unwraps"): each line as
`TIME STREAM TAG CONTENT`, TIME in RFC 3339 with nanoseconds, trailing
zeros dropped (Go's time.RFC3339Nano); a line longer than MAXLEN
(containerd's max_container_log_line_size, 16384 by default) cut into
pieces of MAXLEN tagged P, the last piece tagged F; a line's `\\n` or
`\\r\\n` dropped; both streams into the one file, a line per write.
Exits with CMD's status."""
import subprocess
import sys
import threading
import time


def rfc3339nano(ns):
    seconds, nanos = divmod(ns, 1_000_000_000)
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
    if nanos:
        text += ("." + "%09d" % nanos).rstrip("0")
    return text + "Z"


def main():
    log_path, max_len = sys.argv[1], int(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    lock = threading.Lock()
    log = open(log_path, "ab", buffering=0)

    def write(stream, tag, content):
        data = b" ".join([rfc3339nano(time.time_ns()).encode(), stream, tag, content]) + b"\n"
        with lock:
            log.write(data)

    def redirect(pipe, stream):
        for line in iter(pipe.readline, b""):
            if line.endswith(b"\n"):
                line = line[:-1]
                if line.endswith(b"\r"):
                    line = line[:-1]
            while max_len > 0 and len(line) > max_len:
                write(stream, b"P", line[:max_len])
                line = line[max_len:]
            write(stream, b"F", line)

    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    threads = [threading.Thread(target=redirect, args=(child.stdout, b"stdout")),
               threading.Thread(target=redirect, args=(child.stderr, b"stderr"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sys.exit(child.wait())


main()
