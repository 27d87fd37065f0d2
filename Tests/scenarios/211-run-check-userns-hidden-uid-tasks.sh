# `check` inside a user namespace whose uid maps to a busy host uid
# (https://github.com/opencontainers/runc/issues/831: an OCI bundle's
# RLIMIT_NPROC 192 in a user-namespaced container, whose bash could not
# fork while its own /proc showed one task; docs/kernel-facts.md §11.108,
# §11.114). Real, on this kernel: a spare uid runs sleepers on the host,
# then, under RLIMIT_NPROC, makes a user namespace (its root maps to the
# uid) with a PID namespace and a /proc of its own, the way a rootless
# runtime starts a container. Inside, `check` sees a few tasks of uid 0
# against the limit: main rated that "ok" and exited 0. The kernel counts
# the host uid's tasks outside as well (kernel/ucount.c, at the ancestor
# namespace, against the limit the namespace's creator had), so check must
# say UNKNOWN (exit 3, docs/monitoring.md), name why and the host command
# that counts the whole. Then the proof that the part was not the whole:
# forks inside are refused with EAGAIN while fewer tasks than the limit
# are visible there, and the host command counts the limit reached.
# Last, the tightest pids level named as the systemd unit whose TasksMax=
# binds (docs/kernel-facts.md §11.115): a pids cgroup named as a unit,
# nearly full, and the fix check prints for it, applied.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit
need unshare

LIMIT=12
spare_uid 62400 62499
busy=$SPARE_UID
on_exit "kill_uid $busy"
# The uid's tasks on the host, outside the namespace: 4 sleepers.
uid_sleepers "$busy" 4

out="$WORK/ns"
mkdir "$out"
chown "$busy" "$out"
# Inside: check (text and JSON), then forks until one is refused; the
# children wait for the host's count before the scenario ends them all.
cat >"$out/inside.sh" <<'EOF'
rc=0
"$FORKEXPLAIN" check >"$OUT/check" 2>"$OUT/check.err" || rc=$?
echo "$rc" >"$OUT/check.rc"
"$FORKEXPLAIN" check --format json >"$OUT/check.json" 2>/dev/null || true
exec /usr/bin/python3 - "$OUT" <<'PY'
import errno, os, sys, time
out, made = sys.argv[1], 0
try:
    while made < 64:
        if os.fork() == 0:
            time.sleep(120)
            os._exit(0)
        made += 1
except OSError as e:
    seen = len([name for name in os.listdir("/proc") if name.isdigit()])
    with open(out + "/filled.tmp", "w") as f:
        print("errno=%s children=%d seen=%d" % (errno.errorcode[e.errno], made, seen), file=f)
    os.rename(out + "/filled.tmp", out + "/filled")
time.sleep(120)
PY
EOF
prlimit --nproc=$LIMIT setpriv --reuid "$busy" --regid "$busy" --clear-groups \
	unshare --user --map-root-user --pid --fork --mount-proc \
	env FORKEXPLAIN="$FORKEXPLAIN" OUT="$out" sh "$out/inside.sh" >"$WORK/unshare.out" 2>&1 &
wait_for 60 test -s "$out/filled" || fail "the namespace's forks never ended: $(cat "$WORK/unshare.out" "$out/check.err" 2>/dev/null)"
host=$(ps -L -u "$busy" --no-headers | wc -l)
kill_uid "$busy"

expect_partial_check "$out" "RLIMIT_NPROC uid 0 \\(host uid $busy\\)" "$LIMIT" \
	'this /proc lists only the tasks of PID namespace' 'belongs to a user namespace' \
	"on the host: \`ps -L -U $busy --no-headers \\| wc -l\`"

# The part was not the whole: refused while fewer than the limit were
# visible inside, and the host count the check names reached the limit.
read -r filled <"$out/filled"
case "$filled" in errno=EAGAIN\ *) ;; *) fail "the namespace's fork failed otherwise: $filled" ;; esac
seen=${filled##*seen=}
[ "$seen" -lt "$LIMIT" ] || fail "the namespace showed $seen tasks when refused, not fewer than $LIMIT: $filled"
[ "$host" -ge "$LIMIT" ] || fail "the host counted $host tasks of uid $busy at the refusal, fewer than $LIMIT"

# The unit's TasksMax= as the tightest level: 7 of 8 (WARNING).
unit="forkexplain-211-$$.service"
pids_cgroup "$unit" 8 7
rc=0
"$FORKEXPLAIN" check --pid "$HOLDER" >"$WORK/unit" || rc=$?
[ "$rc" = 1 ] || fail "check of a unit at 7 of 8 exited $rc, not 1 (WARNING): $(cat "$WORK/unit")"
expect_output "$WORK/unit" "^  --   the tightest pids level, /$unit, is systemd unit $unit's TasksMax= \\(room for 1 more\\)\$"
expect_output "$WORK/unit" "systemd owns this level, unit $unit: \`systemctl set-property $unit TasksMax=72\` raises it at once"
expect_output "$WORK/unit" "\`echo 72 > $CG/pids.max\`"
# The fix it names, applied the way it says without systemd here.
echo 72 >"$CG/pids.max"
rc=0
"$FORKEXPLAIN" check --pid "$HOLDER" >"$WORK/raised" || rc=$?
[ "$rc" = 0 ] || fail "check after the raise exited $rc, not 0: $(cat "$WORK/raised")"
expect_output "$WORK/raised" "is systemd unit $unit's TasksMax= \\(room for 65 more\\)"
echo "ok: check in a user namespace UNKNOWN (exit 3), naming host uid $busy and its host count; inside, a fork refused with $seen of $LIMIT visible, $host on the host; $unit named at 7 of 8 with its set-property fix, 65 more after it"
