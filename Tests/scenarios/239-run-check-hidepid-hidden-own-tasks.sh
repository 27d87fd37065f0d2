# `check` under a /proc mounted hidepid= (proc(5); docs/kernel-facts.md
# §11.114, §11.139). Real, on this kernel (per-mount proc options need
# 5.8): in a private mount namespace of its own the scenario mounts a new
# proc with hidepid=invisible over /proc, the host's /proc untouched.
# A spare uid C has 2 plain sleepers and 6 that run with another spare uid
# O as effective uid (what a setuid program C starts looks like): the
# kernel counts all 8 against C's RLIMIT_NPROC (the real uid's), and the
# 6 are hidden even from C, since C may not ptrace-read them. main's
# `check` as C counted what it saw and said OK; it must say UNKNOWN (exit
# 3), give hidepid as the reason and name the command that counts the
# whole as root. Where the whole is visible it rates the count: root's
# `check --pid` of a sleeper (8 of its 10: WARNING) and C's own check as a
# member of the mount's gid= group (OK, every task counted). Last, the
# proof: as C under RLIMIT_NPROC 10 a fork is refused with EAGAIN while
# C's /proc lists fewer than 10 of its tasks.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
need prlimit
need unshare

IFS=. read -r major minor _ <<<"$(uname -r)"
[ "$major" -gt 5 ] || { [ "$major" = 5 ] && [ "${minor%%[!0-9]*}" -ge 8 ]; } ||
	fail "kernel $(uname -r) has no per-mount proc options (hidepid= on a second proc mount needs 5.8)"

LIMIT=10
spare_uid 62370 62389
checked=$SPARE_UID
spare_uid 62390 62399
other=$SPARE_UID
getent group "$other" >/dev/null && fail "gid $other has a group here; the scenario needs an unused one for gid="
on_exit "kill_uid $checked"
on_exit "kill_uid $other"

out="$WORK/ns"
mkdir "$out"
chown "$checked" "$out"
# In the private mount namespace: the hidepid mount, the sleepers, and
# each check; the scenario ends the sleepers (all of uid C or O) on exit.
cat >"$out/inside.sh" <<'EOF_INSIDE'
set -eu
mount --make-rprivate /
mount -t proc -o hidepid=invisible,gid="$O" proc /proc
grep ' /proc ' /proc/self/mountinfo | tail -n 1 >"$OUT/mount"
as_c() { setpriv --reuid "$C" --regid "$C" --clear-groups "$@"; }
for _ in 1 2; do prlimit --nproc="$LIMIT" setpriv --reuid "$C" --regid "$C" --clear-groups sleep 200 & done
for _ in 1 2 3 4 5 6; do
	prlimit --nproc="$LIMIT" setpriv --ruid "$C" --euid "$O" --regid "$C" --clear-groups sleep 200 &
done
for _ in $(seq 100); do
	[ "$(ps -L -U "$C" --no-headers | wc -l)" = 8 ] && break
	sleep 0.1
done
ps -L -U "$C" --no-headers | wc -l >"$OUT/root-sees"
# The sleepers C's own reading of this /proc lists (its shell and grep aside).
as_c sh -c 'grep -l "^Name:[[:space:]]*sleep\$" /proc/[0-9]*/status 2>/dev/null |
	xargs -r grep -l "^Uid:[[:space:]]*$0[[:space:]]" | wc -l' "$C" >"$OUT/c-sees"
rc=0
prlimit --nproc=64 setpriv --reuid "$C" --regid "$C" --clear-groups "$FORKEXPLAIN" check >"$OUT/check" 2>"$OUT/check.err" || rc=$?
echo "$rc" >"$OUT/check.rc"
prlimit --nproc=64 setpriv --reuid "$C" --regid "$C" --clear-groups "$FORKEXPLAIN" check --format json >"$OUT/check.json" 2>/dev/null || true
sleeper=$(ps -o pid=,comm= -u "$C" | awk '$2 == "sleep" { print $1; exit }')
rc=0
"$FORKEXPLAIN" check --pid "$sleeper" >"$OUT/root" 2>&1 || rc=$?
echo "$rc" >"$OUT/root.rc"
rc=0
prlimit --nproc=64 setpriv --reuid "$C" --regid "$C" --groups "$O" "$FORKEXPLAIN" check >"$OUT/member" 2>&1 || rc=$?
echo "$rc" >"$OUT/member.rc"
prlimit --nproc="$LIMIT" setpriv --reuid "$C" --regid "$C" --clear-groups /usr/bin/python3 - "$OUT" "$C" <<'PY'
import errno, os, sys, time
out, uid, made, kids = sys.argv[1], sys.argv[2], 0, []
def seen():
    names = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/status" % name) as f:
                lines = f.read().splitlines()
        except OSError:
            continue
        if any(l.split()[:2] == ["Uid:", uid] for l in lines):
            names.append(lines[0].split()[-1])
    return "%d (%s)" % (len(names), " ".join(sorted(names)))
try:
    while made < 16:
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        kids.append(pid)
        made += 1
    result = "no refusal after %d" % made
except OSError as e:
    result = "errno=%s children=%d seen=%s" % (errno.errorcode[e.errno], made, seen())
for pid in kids:
    os.kill(pid, 9)
with open(out + "/filled", "w") as f:
    print(result, file=f)
PY
EOF_INSIDE
timeout 120 unshare -m env FORKEXPLAIN="$FORKEXPLAIN" OUT="$out" C="$checked" O="$other" LIMIT=$LIMIT \
	bash "$out/inside.sh" >"$WORK/unshare.out" 2>&1 || fail "the namespace's script failed: $(cat "$WORK/unshare.out")"

grep -qE ' - proc proc .*[,]hidepid=invisible' "$out/mount" || fail "the namespace's /proc is not hidepid=invisible: $(cat "$out/mount")"
grep -q 'hidepid' /proc/self/mountinfo && fail "the host's /proc changed: $(grep hidepid /proc/self/mountinfo)"
root_sees=$(cat "$out/root-sees")
c_sees=$(cat "$out/c-sees")
[ "$root_sees" = 8 ] || fail "root counts $root_sees tasks of real uid $checked, not 8"
[ "$c_sees" = 2 ] || fail "uid $checked sees $c_sees of its 8 sleepers through hidepid=invisible, not its 2 plain ones"

# C's own check: a part, so UNKNOWN, naming hidepid and root's count.
expect_partial_check "$out" "RLIMIT_NPROC uid $checked" 64 '/proc is mounted hidepid=invisible' \
	"even uid $checked's own tasks that run with another effective or saved uid" \
	"as root on the host: \`ps -L -U $checked --no-headers \\| wc -l\` against 64"

# Root sees the whole: 8 of the sleeper's 10, a warning.
rc=$(cat "$out/root.rc")
[ "$rc" = 1 ] || fail "root's check --pid of a sleeper exited $rc, not 1 (WARNING at 8 of $LIMIT): $(cat "$out/root")"
expect_output "$out/root" "^  WARN RLIMIT_NPROC uid $checked: 8 of $LIMIT \\(80 %\\)"
grep -q 'hidepid' "$out/root" && fail "root's check calls its count a part: $(cat "$out/root")"

# A member of the mount's gid= sees the whole too: OK, every task counted
# (the 8 sleepers and check itself).
rc=$(cat "$out/member.rc")
[ "$rc" = 0 ] || fail "check as uid $checked in gid $other exited $rc, not 0 (OK): $(cat "$out/member")"
seen=$(sed -n "s/^  ok   RLIMIT_NPROC uid $checked: \\([0-9]*\\) of 64 .*/\\1/p" "$out/member")
[ -n "$seen" ] && [ "$seen" -ge 9 ] || fail "the gid= member's check does not count the 8 sleepers and itself: $(cat "$out/member")"

# The part was not the whole: refused while fewer than the limit were listed.
read -r filled <"$out/filled"
case "$filled" in errno=EAGAIN\ *) ;; *) fail "uid $checked's fork was not refused with EAGAIN: $filled" ;; esac
fork_seen=${filled##*seen=}
fork_seen=${fork_seen%% *}
[ "$fork_seen" -lt "$LIMIT" ] || fail "uid $checked's /proc listed $fork_seen of its tasks at the refusal, not fewer than $LIMIT: $filled"
cat "$out/check"
echo "ok: under hidepid=invisible uid $checked saw $c_sees of its 8 sleepers (root $root_sees); its check said UNKNOWN (exit 3) naming root's ps -L -U; root's check --pid 8 of $LIMIT (WARNING), the gid= member's $seen of 64 (OK); a fork refused with EAGAIN while $fork_seen were listed ($filled)"
