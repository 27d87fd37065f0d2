# A real shipper tails a per-node log directory and what comes back is
# reported (docs/shipping.md): two hosts (UTS namespaces) record real
# failures of bash into one node directory; rsyslog's imfile, run here in
# the foreground with a private configuration, ships every line to three
# omfile outputs: the record as it was, wrapped in a JSON document as a
# log store returns it (host and message), and rsyslog's own %jsonmesg%
# (the message in "msg"). `forkexplain report -` on each, the wrapped ones
# as they are (no jq: docs/shipping.md, "What report - unwraps"), gives
# what `report DIR` gives, with incidents by host, and says the records
# came in envelopes.
# Vector, Fluent Bit and Grafana Alloy are not in Debian's archive, so
# they cannot be run here; rsyslog is.
. "$(dirname "$0")/lib.sh"
need_root
need rsyslogd
need unshare

NODE=$WORK/node
mkdir "$NODE"
chmod 1777 "$NODE"

# One failed fork of bash on host $1 (its own UTS namespace).
fail_on_host() {
	timeout 60 unshare --uts sh -c "hostname '$1' && exec env FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG='$NODE/' \
		LD_PRELOAD='$SHIM' bash -c '/bin/true; :'" >/dev/null 2>"$WORK/err.$1" || true
	grep -q "Cannot allocate memory" "$WORK/err.$1" || fail "bash on $1 did not fail: $(cat "$WORK/err.$1")"
}

cat >"$WORK/rsyslog.conf" <<CONF
global(workDirectory="$WORK" maxMessageSize="64k")
module(load="imfile")
template(name="raw" type="string" string="%msg%\n")
template(name="jsonmesg" type="string" string="%jsonmesg%\n")
template(name="wrapped" type="list") {
	constant(value="{\"host\":\"") property(name="\$myhostname") constant(value="\",\"file\":\"")
	property(name="\$!metadata!filename" format="json") constant(value="\",\"message\":\"")
	property(name="msg" format="json") constant(value="\"}\n")
}
input(type="imfile" File="$NODE/*.jsonl" Tag="forkexplain" addMetadata="on" ruleset="ship")
ruleset(name="ship") {
	action(type="omfile" file="$WORK/shipped.jsonl" template="raw")
	action(type="omfile" file="$WORK/wrapped.jsonl" template="wrapped")
	action(type="omfile" file="$WORK/jsonmesg.jsonl" template="jsonmesg")
}
CONF
rsyslogd -N1 -f "$WORK/rsyslog.conf" >"$WORK/check" 2>&1 || fail "rsyslog rejects the configuration: $(cat "$WORK/check")"
rsyslogd -n -f "$WORK/rsyslog.conf" -i "$WORK/rsyslog.pid" >"$WORK/rsyslog.out" 2>&1 &
shipper=$!
on_exit "kill_tree $shipper"

fail_on_host web-1
fail_on_host web-2
fail_on_host web-1
records=$(cat "$NODE"/*.jsonl | grep -c '"type":"failure"')
[ "$records" = 3 ] || fail "expected 3 records in the node directory, found $records"

# Until rsyslog has shipped every line (bounded: 60 s).
for _ in $(seq 600); do
	[ -f "$WORK/jsonmesg.jsonl" ] && [ "$(grep -c '"type\\":\\"failure' "$WORK/jsonmesg.jsonl")" -ge 3 ] &&
		[ -f "$WORK/wrapped.jsonl" ] && [ "$(grep -c '"type\\":\\"failure' "$WORK/wrapped.jsonl")" -ge 3 ] && break
	kill -0 "$shipper" 2>/dev/null || fail "rsyslogd exited: $(cat "$WORK/rsyslog.out")"
	sleep 0.1
done
[ "$(grep -c '"type":"failure"' "$WORK/shipped.jsonl" 2>/dev/null)" = 3 ] ||
	fail "rsyslog did not ship the 3 records: $(cat "$WORK/rsyslog.out")"

# hosts JSON: the incidents' hosts and the number of events, one line.
summary() {
	"$PYTHON" -c 'import json,sys
r = json.load(open(sys.argv[1]))
e = ",".join("%s=%d" % (x["envelope"], x["records"]) for x in r["summary"].get("envelopes", []))
print(len(r["events"]), " ".join(sorted(i["host"] for i in r["incidents"])), e)' "$1"
}

"$FORKEXPLAIN" report --format json "$NODE" >"$WORK/direct.json" || fail "report $NODE failed"
"$FORKEXPLAIN" report --format json - <"$WORK/shipped.jsonl" >"$WORK/raw.json" || fail "report - on the shipped lines failed"
"$FORKEXPLAIN" report --format json - <"$WORK/wrapped.jsonl" >"$WORK/wrapped.json" || fail "report - on the wrapped lines failed"
"$FORKEXPLAIN" report --format json "$WORK/jsonmesg.jsonl" >"$WORK/jsonmesg.json" || fail "report on %jsonmesg% failed"
want="3 web-1 web-2"
[ "$(summary "$WORK/direct.json")" = "$want " ] || fail "report DIR: $(summary "$WORK/direct.json"), expected $want"
[ "$(summary "$WORK/raw.json")" = "$want " ] || fail "report - on rsyslog's lines: $(summary "$WORK/raw.json"), expected $want"
[ "$(summary "$WORK/wrapped.json")" = "$want json-message=3" ] ||
	fail "report - on the wrapped documents: $(summary "$WORK/wrapped.json"), expected $want json-message=3"
[ "$(summary "$WORK/jsonmesg.json")" = "$want rsyslog=3" ] ||
	fail "report on rsyslog's %jsonmesg%: $(summary "$WORK/jsonmesg.json"), expected $want rsyslog=3"
echo "ok: rsyslog imfile shipped a node directory of two hosts; report - on the raw lines, on the wrapped documents and on %jsonmesg% as they are gives report DIR's incidents, by host"
