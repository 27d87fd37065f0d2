#!/usr/bin/env python3
"""Writes Tests/ForkExplainCoreTests/Fixtures/envelope-*: records of the
project's own fixtures wrapped as each tool wraps a line, beside the
program's own output where the tool carries that too. The shape of each
is the one docs/shipping.md ("What report - unwraps") cites. Rerun after
changing a source fixture: python3 Tests/envelopes/make_fixtures.py"""
import json
import os

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(TOP, "Tests", "ForkExplainCoreTests", "Fixtures")


def records(name):
    with open(os.path.join(FIX, name)) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def write(name, text):
    with open(os.path.join(FIX, name), "w") as f:
        f.write(text)


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


PIDS = records("cgroup-pids-parent.jsonl")  # 1 record, node-4, cgroup_pids_limit
PIDMAX = records("centos7-pid-max.jsonl")  # 3 records, app-3, pid_max
WORK = records("workloads.jsonl")  # 3 records, node-4 and web-7
NPROC = records("rlimit-nproc.jsonl")  # 1 record, build-2, rlimit_nproc
JAVA_OUT = [
    "[0.412s][info][gc] Using G1",
    "2026-11-26 11:45:09.981 INFO  o.a.c.c.StandardService - Starting service [Tomcat]",
]
JAVA_ERR = [
    '[11:45:10.251] WARN  pool-3: Exception in thread "pool-3-thread-7" java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or process/resource limits reached',
    "\tat java.base/java.lang.Thread.start0(Native Method)",
]


def ts(second, nanos):
    return "2026-11-26T11:45:%02d.%09dZ" % (second, nanos)


# Docker's json-file driver: one object a line, `log` ending in the newline
# (docs.docker.com/engine/logging/drivers/json-file). The records are on
# stderr (FORKEXPLAIN_LOG=-), between the JVM's own lines.
lines = []
for i, text in enumerate(JAVA_OUT):
    lines.append(dumps({"log": text + "\n", "stream": "stdout", "time": ts(9, 100000000 + i)}))
lines.append(dumps({"log": JAVA_ERR[0] + "\n", "stream": "stderr", "time": ts(10, 251000000)}))
lines.append(dumps({"log": PIDS[0] + "\n", "stream": "stderr", "time": ts(10, 251408112)}))
lines.append(dumps({"log": JAVA_ERR[1] + "\n", "stream": "stderr", "time": ts(10, 251500000)}))
write("envelope-docker-json-file.log", "\n".join(lines) + "\n")

# containerd's CRI log file (/var/log/pods/NS_POD_UID/CONTAINER/0.log):
# TIME STREAM TAG CONTENT, TAG P for each piece of a line longer than
# max_container_log_line_size (here set to 1024) and F for its end.
def cri(stream, text, second, nanos, max_len=1024):
    out = []
    data = text
    while len(data) > max_len:
        out.append("%s %s P %s" % (ts(second, nanos), stream, data[:max_len]))
        data = data[max_len:]
        nanos += 1
    out.append("%s %s F %s" % (ts(second, nanos), stream, data))
    return out

lines = []
lines += cri("stdout", JAVA_OUT[0], 9, 10)
lines += cri("stderr", JAVA_ERR[0], 10, 251000000)
lines += cri("stderr", WORK[0], 10, 251400000)
lines += cri("stdout", JAVA_OUT[1], 10, 251450000)
lines += cri("stderr", WORK[1], 10, 251500000)
lines += cri("stderr", JAVA_ERR[1], 10, 251600000)
write("envelope-cri.log", "\n".join(lines) + "\n")

# `kubectl logs --prefix --timestamps -l app=web`: the pod and container,
# then the kubelet's RFC 3339 time, then the line.
lines = []
lines.append("[pod/web-7c9d-x2x/app] %s %s" % (ts(9, 981000000), JAVA_OUT[1]))
for i, record in enumerate(PIDMAX):
    lines.append("[pod/web-7c9d-x2x/app] %s %s" % (ts(10 + i, 250000000), record))
lines.append("[pod/web-7c9d-h8k/app] %s %s" % (ts(12, 1000000), JAVA_ERR[0]))
write("envelope-kubectl-prefix.log", "\n".join(lines) + "\n")

# `journalctl -o json --all`: MESSAGE a string, or an array of bytes when
# it holds control characters (the tab below); null without --all for a
# field over 4096 bytes.
base = {"_TRANSPORT": "stdout", "_HOSTNAME": "build-2", "SYSLOG_IDENTIFIER": "make", "PRIORITY": "3",
        "_SYSTEMD_UNIT": "ci-runner.service", "_PID": "3120"}
entries = []
entries.append(dict(base, __CURSOR="s=1;i=1", __REALTIME_TIMESTAMP="1764157509000000", MESSAGE="make: *** [Makefile:12: all] Error 2"))
entries.append(dict(base, __CURSOR="s=1;i=2", __REALTIME_TIMESTAMP="1764157510000000", MESSAGE=NPROC[0]))
entries.append(dict(base, __CURSOR="s=1;i=3", __REALTIME_TIMESTAMP="1764157511000000",
                    MESSAGE=list(("\t" + PIDS[0]).encode())))
entries.append(dict(base, __CURSOR="s=1;i=4", __REALTIME_TIMESTAMP="1764157512000000", MESSAGE=None))
write("envelope-journald.json", "".join(dumps(e) + "\n" for e in entries))

# Vector's file source, JSON encoded: message, file, host, source_type,
# timestamp (vector.dev, sources/file, "Output data"); then the same
# record after `parse_json` merged it into a kubernetes_logs event (Vector
# writes an event's keys in sorted order).
lines = []
for i, record in enumerate(WORK[:2]):
    lines.append(dumps({"file": "/var/log/forkexplain/forkexplain-1000.jsonl", "host": "node-4",
                        "message": record, "source_type": "file", "timestamp": ts(10 + i, 0)}))
parsed = json.loads(WORK[2])
parsed.update({"file": "/var/log/pods/default_web_7c1e/app/0.log", "source_type": "kubernetes_logs",
               "stream": "stderr", "timestamp": ts(12, 0),
               "kubernetes": {"pod_name": "web-7c9d-x2x", "pod_namespace": "default", "container_name": "app"}})
lines.append(json.dumps(parsed, separators=(",", ":"), ensure_ascii=False, sort_keys=True))
write("envelope-vector.jsonl", "\n".join(lines) + "\n")

# Fluent Bit: the stdout output's json_lines (a `date` key and the tail
# input's `log`), and the file output's default `TAG: [TIME, RECORD]`.
lines = [dumps({"date": 1764157510.251, "log": PIDMAX[0]}),
         dumps({"date": 1764157511.251, "log": PIDMAX[1]}),
         "forkexplain: [1764157512.250000000, %s]" % dumps({"log": PIDMAX[2]})]
write("envelope-fluent-bit.log", "\n".join(lines) + "\n")

# logcli query --output=jsonl: labels, line, timestamp.
lines = []
for i, record in enumerate(WORK):
    lines.append(dumps({"labels": {"job": "forkexplain", "host": json.loads(record)["host"]},
                        "line": record, "timestamp": ts(10 + i, 0)}))
write("envelope-loki.jsonl", "\n".join(lines) + "\n")

# Loki's /loki/api/v1/query_range response, as curl prints it: one line.
response = {"status": "success", "data": {"resultType": "streams", "result": [
    {"stream": {"job": "forkexplain", "host": "app-3"},
     "values": [["17641575%02d250000000" % (10 + i), r] for i, r in enumerate(PIDMAX)]},
    {"stream": {"job": "forkexplain", "host": "build-2"}, "values": [["1764157515000000000", NPROC[0]]]}],
    "stats": {"summary": {"totalLinesProcessed": 4}}}}
write("envelope-loki-query-range.json", dumps(response) + "\n")

# Elasticsearch's _search?pretty response: documents from Vector (message)
# and Fluent Bit (log), over many lines.
hits = [{"_index": "forkexplain-2026.11.26", "_id": "a1", "_score": 1.0,
         "_source": {"@timestamp": ts(10, 0), "host": "node-4", "message": WORK[0]}},
        {"_index": "forkexplain-2026.11.26", "_id": "a2", "_score": 1.0,
         "_source": {"@timestamp": ts(11, 0), "log": WORK[1]}},
        {"_index": "forkexplain-2026.11.26", "_id": "a3", "_score": 1.0,
         "_source": {"@timestamp": ts(12, 0), "message": WORK[2]}}]
search = {"took": 3, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
          "hits": {"total": {"value": 3, "relation": "eq"}, "max_score": 1.0, "hits": hits}}
write("envelope-elasticsearch-search.json", json.dumps(search, indent=2, ensure_ascii=False) + "\n")
# `jq -c '.hits.hits[]._source'`: one document a line.
write("envelope-elasticsearch-source.jsonl", "".join(dumps(h["_source"]) + "\n" for h in hits))

# rsyslog's %jsonmesg%: the message in "msg", beside rsyslog's properties.
lines = []
for i, record in enumerate(PIDMAX[:2]):
    lines.append(dumps({"msg": record, "rawmsg": record, "timereported": ts(10 + i, 0), "hostname": "app-3",
                        "syslogtag": "forkexplain", "inputname": "imfile", "fromhost": "", "fromhost-ip": "",
                        "pri": "133", "syslogfacility": "16", "syslogseverity": "5", "timegenerated": ts(10 + i, 0),
                        "programname": "forkexplain", "protocol-version": "0", "app-name": "forkexplain",
                        "procid": "-", "msgid": "-", "uuid": None, "$!": {"metadata": {"filename": "/var/log/forkexplain/forkexplain-0.jsonl"}}}))
write("envelope-rsyslog.jsonl", "\n".join(lines) + "\n")
