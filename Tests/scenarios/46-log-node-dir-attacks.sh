# A per-node log directory shared by every uid (docs/log-format.md,
# "Per-node directory") holds against another uid, for real: a file it
# planted at the victim's name, a symbolic link, a hard link to the
# victim's own file, a FIFO, and a directory others may write that is not
# sticky. Each refusal is said once, nothing reaches the planted file, and
# `report DIR` warns of a file not owned by the uid it is named for.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv

spare_uid 61500 61549
victim=$SPARE_UID
spare_uid 61550 61599
attacker=$SPARE_UID

as_uid() {
	local uid=$1
	shift
	timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all "$@"
}

# node NAME MODE: a fresh directory for one attack.
node() {
	mkdir "$WORK/$1"
	chmod "$2" "$WORK/$1"
	NODE=$WORK/$1
	FILE=$NODE/forkexplain-$victim.jsonl
}

# One injected fork failure of the victim's bash, logging into $NODE/ (ENOMEM:
# bash retries an EAGAIN for 15 s).
victim_fails() {
	as_uid "$victim" env FORKEXPLAIN_INJECT=fork=ENOMEM FORKEXPLAIN_LOG="$NODE/" LD_PRELOAD="$SHIM" \
		bash -c '/bin/true; :' >"$WORK/out" 2>"$WORK/err" || true
}

# refused WHY: the victim's record went nowhere, and it said WHY once.
refused() {
	grep -q "forkexplain: not writing to $FILE: $1" "$WORK/err" ||
		fail "no refusal '$1' of $FILE: $(cat "$WORK/err")"
	[ "$(grep -c 'not writing to' "$WORK/err")" = 1 ] || fail "the refusal was said more than once: $(cat "$WORK/err")"
}

# The clean case first: the victim's own file, created by its writer.
node clean 1777
victim_fails
[ -f "$FILE" ] && [ "$(stat -c '%u %a %h' "$FILE")" = "$victim 600 1" ] ||
	fail "the victim's log was not created as its own: $(ls -la "$NODE"; cat "$WORK/err")"
grep -q '"type":"failure"' "$FILE" || fail "no record in $FILE"
"$FORKEXPLAIN" report "$NODE" >"$WORK/report" 2>"$WORK/rerr" || fail "report $NODE failed: $(cat "$WORK/rerr")"
[ ! -s "$WORK/rerr" ] || fail "report warned about a clean directory: $(cat "$WORK/rerr")"

# The attacker plants a file at the victim's name, writable by all.
node planted 1777
as_uid "$attacker" sh -c "umask 0; : >'$FILE'"
victim_fails
refused "it is owned by uid $attacker, not $victim"
[ ! -s "$FILE" ] || fail "a record reached the attacker's file"
printf '{"schema":1,"type":"tally","host":"forged","time":"2026-11-27T00:00:00Z"}\n' >>"$FILE"
"$FORKEXPLAIN" report "$NODE" >"$WORK/report" 2>"$WORK/rerr" || true
grep -q "forkexplain-$victim.jsonl is owned by uid $attacker, not by uid $victim" "$WORK/rerr" ||
	fail "report did not warn of the planted file: $(cat "$WORK/rerr")"

# A symbolic link to a file of the attacker's.
node symlink 1777
as_uid "$attacker" sh -c "umask 0; : >'$NODE/mine' && ln -s '$NODE/mine' '$FILE'"
victim_fails
refused "it is a symbolic link"
[ ! -s "$NODE/mine" ] || fail "a record went through the link"

# A hard link, made by the attacker, to a file the victim owns (which
# fs.protected_hardlinks allows to whoever may write it).
node hardlink 1777
as_uid "$victim" sh -c "umask 0; : >'$NODE/victims-file'"
as_uid "$attacker" ln "$NODE/victims-file" "$FILE" || fail "the attacker could not link the victim's file"
victim_fails
refused "it has 2 links"
[ ! -s "$NODE/victims-file" ] || fail "a record reached the linked file"

# A FIFO: refused without waiting for a reader.
node fifo 1777
as_uid "$attacker" mkfifo -m 666 "$FILE"
victim_fails
refused "it is not a regular file"

# A directory every uid may write, without the sticky bit: anyone could
# replace the victim's file between two records.
node open 0777
victim_fails
refused "the directory is writable by other users and not sticky"
[ ! -e "$FILE" ] || fail "a log was created in a directory that is not sticky"
echo "ok: another uid's planted file, symlink, hard link and FIFO, and a non-sticky directory are refused, said once; report warns of a misnamed file"
