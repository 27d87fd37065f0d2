# Shared by every scenario: where the build is, a private work dir that is
# removed on exit, bounded runs, and the check of forkexplain's verdict.
# Scenarios reproduce real failures on this kernel; one that cannot run here
# fails loudly rather than passing.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="$TOP/.build/release"
FORKEXPLAIN="$BIN/forkexplain"
SHIM="$BIN/libforkexplain.so"
PROGRAMS="$TOP/Tests/scenarios/programs"
# Debian's python, not a per-user one a test uid cannot read.
PYTHON=/usr/bin/python3
WORK=$(mktemp -d /tmp/forkexplain-scenario.XXXXXX)
chmod 0755 "$WORK"
LOG="$WORK/log.jsonl"
CLEANUPS=()
# A scenario checks counts that only a whole /proc scan gives (tasks
# below 300, a uid's tasks, a namespace's). The default budget (250 ms)
# bounds a failing program's wait, and a loaded CI machine (other suites'
# hundreds of processes on 2 cores) can take longer: then the counts are
# rightly left out ("tasks below 300 not counted", top.complete false)
# and the scenario failed (44: 1 run in 30 under load). Given the time, it
# ends when the scan does. A scenario may still set its own.
export FORKEXPLAIN_SCAN_MS=${FORKEXPLAIN_SCAN_MS:-60000}

cleanup() {
	local i
	for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${CLEANUPS[i]}" || true
	done
	rm -rf "$WORK"
}
trap cleanup EXIT

on_exit() { CLEANUPS+=("$*"); }

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

need_root() {
	[ "$(id -u)" = 0 ] || fail "this scenario needs root (it makes namespaces, cgroups and uids); run 'make test' as root"
}

need() {
	command -v "$1" >/dev/null 2>&1 || fail "'$1' is not installed here; .ci/run installs it"
}

[ -x "$FORKEXPLAIN" ] && [ -f "$SHIM" ] || fail "build first: make build"

# wait_for SECONDS COMMAND...: runs COMMAND every 0.1 s until it
# succeeds; returns 1 if it has not after SECONDS (the caller fails,
# saying what did not happen). A scenario waits for the event it needs,
# not for a time it guessed: the bound is only how long a loaded CI
# machine may take (several engineers' suites on 2 cores), far above the
# usual, and the wait ends at the event.
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.1
	done
}

# Kills what a scenario started, by pid, and reaps it.
kill_tree() {
	local pid=$1
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# report_json: forkexplain's verdicts on the scenario's log.
report_json() {
	"$FORKEXPLAIN" report --format json "$LOG" >"$WORK/report.json" ||
		fail "forkexplain report exited $? on $LOG"
}

# expect KEY=VALUE...: checked against the incidents of the report.
expect() {
	report_json
	"$PYTHON" "$TOP/Tests/scenarios/check_report.py" "$WORK/report.json" "$LOG" "$@"
}

# The program's own words must be the misleading ones the user would see.
# A program still running may write them after the event the scenario
# waited for (watch logs a refused fork before the forker's perror), so
# the words get a while to arrive; a program that has ended costs no wait.
expect_output() {
	local file=$1 pattern=$2
	wait_for 30 grep -qE "$pattern" "$file" || {
		echo "--- program output ($file):" >&2
		tail -n 20 "$file" >&2
		fail "the program did not fail as expected (no /$pattern/ in its output)"
	}
}

# replay MACHINE CALL ERRNO: runs the caller test program under the shim on
# a fixture machine (machines.py), failing CALL with ERRNO without making
# it. For causes that cannot be produced safely on this host.
# A replay tests what a snapshot of the machine says, so the shim fills its
# buffers at the first task creation (FORKEXPLAIN_FILL=start): by default
# a fixture short of memory would get a tally (docs/performance.md), which
# scenario 140 checks on a real memory cgroup.
replay() {
	local machine=$1 call=$2 err=$3
	rm -rf "$WORK/machine" "$LOG"
	"$PYTHON" "$TOP/Tests/scenarios/machines.py" "$machine" "$WORK/machine" || fail "no fixture machine $machine"
	cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || fail "cannot build the caller"
	FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" FORKEXPLAIN_FILL=start \
		FORKEXPLAIN_INJECT="$call=$err" FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" \
		"$WORK/caller" "$call" >"$WORK/out" 2>&1 || fail "the caller itself failed: $(cat "$WORK/out")"
}

# log_owned_by UID: points LOG into a directory of WORK that UID owns: the
# shim writes only to a file its euid owns (docs/log-format.md).
log_owned_by() {
	mkdir -p "$WORK/as-$1"
	chown "$1" "$WORK/as-$1"
	LOG="$WORK/as-$1/log.jsonl"
}

# replay_as UID MACHINE CALL ERRNO: replay with the caller running as UID
# (the fixture built for it: FIXTURE_UID), for limits that do not bind
# root. The log goes to a directory UID owns: the shim writes only to a
# file its euid owns (docs/log-format.md).
replay_as() {
	local uid=$1 machine=$2 call=$3 err=$4
	need_root
	# A replay before this one left its machine: a symlink of it would
	# not be written over.
	rm -rf "$WORK/machine"
	FIXTURE_UID=$uid "$PYTHON" "$TOP/Tests/scenarios/machines.py" "$machine" "$WORK/machine" ||
		fail "no fixture machine $machine"
	cc -std=c11 -O1 -I"$TOP/CShim/common" -o "$WORK/caller" "$TOP/Tests/shim/caller.c" -lpthread -lutil || fail "cannot build the caller"
	log_owned_by "$uid"
	setpriv --reuid="$uid" --regid="$uid" --clear-groups env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" \
		FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" FORKEXPLAIN_FILL=start FORKEXPLAIN_INJECT="$call=$err" FORKEXPLAIN_LOG="$LOG" \
		LD_PRELOAD="$SHIM" "$WORK/caller" "$call" >"$WORK/out" 2>&1 || fail "the caller itself failed: $(cat "$WORK/out")"
}

# first_fix VERDICT PREFIX: after expect, the verdict's first fix starts so
# (the fix order is what a replay checks, not only that a fix is there).
first_fix() {
	"$PYTHON" - "$WORK/report.json" "$1" "$2" <<'PY' || fail "the first $1 fix is not '$2'"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
advice = next(e for e in events if e.get("verdict") == sys.argv[2])["advice"]
sys.exit(0 if advice[0].startswith(sys.argv[3]) else print(advice[:2]) or 1)
PY
}

# check_crit LINE: `check` on the replayed machine is critical with LINE.
check_crit() {
	local rc=0
	FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" "$FORKEXPLAIN" check \
		>"$WORK/check" || rc=$?
	[ "$rc" = 2 ] || fail "check exited $rc, not 2 (critical): $(cat "$WORK/check")"
	grep -qF "$1" "$WORK/check" || fail "check lacks '$1': $(cat "$WORK/check")"
}

# replay_edited FILE SED PATTERN INJECT COMMAND...: the same failure again
# on the last replay's fixture machine with one fact changed: SED edits
# FILE (below $WORK/machine), which must then hold a line matching PATTERN
# (grep), and COMMAND runs under the shim with a fresh log, INJECT failing
# its calls. Its status is left in PROGRAM_STATUS, its output in $WORK/out.
replay_edited() {
	local file="$WORK/machine/$1" edit=$2 pattern=$3 inject=$4
	shift 4
	sed -i "$edit" "$file"
	grep -q "$pattern" "$file" || fail "the fixture's $1 was not rewritten ($edit)"
	rm -f "$LOG"
	PROGRAM_STATUS=0
	FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" FORKEXPLAIN_FILL=start \
		FORKEXPLAIN_INJECT="$inject" FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" "$@" >"$WORK/out" 2>&1 ||
		PROGRAM_STATUS=$?
}

# replay_program MACHINE INJECT COMMAND...: runs a real program (not the
# caller) under the shim on a fixture machine, FORKEXPLAIN_INJECT=INJECT
# failing its calls without making them. The program is expected to fail:
# its status is left in PROGRAM_STATUS and its output in $WORK/out.
replay_program() {
	local machine=$1 inject=$2
	shift 2
	rm -rf "$WORK/machine" "$LOG"
	"$PYTHON" "$TOP/Tests/scenarios/machines.py" "$machine" "$WORK/machine" || fail "no fixture machine $machine"
	PROGRAM_STATUS=0
	# timeout forks: it runs outside the preload, env execs the program.
	timeout 60 env FORKEXPLAIN_PROC_ROOT="$WORK/machine/proc" FORKEXPLAIN_SYS_ROOT="$WORK/machine/sys" \
		FORKEXPLAIN_FILL=start FORKEXPLAIN_INJECT="$inject" FORKEXPLAIN_LOG="$LOG" LD_PRELOAD="$SHIM" \
		"$@" >"$WORK/out" 2>&1 || PROGRAM_STATUS=$?
}

# explain_reads LINE PRINTER FIRST [PATTERN...]: `forkexplain explain` on
# a program's own LINE names PRINTER as the program that printed it
# ("printed by PRINTER"), lists the verdict FIRST as the likeliest cause,
# and says each PATTERN (grep -E) somewhere. The output stays in
# $WORK/explain for further checks.
explain_reads() {
	local line=$1 printer=$2 first=$3 pattern
	shift 3
	"$FORKEXPLAIN" explain "$line" >"$WORK/explain" || fail "explain failed on $printer's line"
	grep -qF "printed by $printer" "$WORK/explain" ||
		fail "explain does not know $printer printed it: $(head -3 "$WORK/explain")"
	sed -n '/Possible causes/,$p' "$WORK/explain" | sed -n 2p | grep -q "\[$first\]" ||
		fail "explain does not list $first first for $printer: $(cat "$WORK/explain")"
	for pattern in "$@"; do
		grep -qE -- "$pattern" "$WORK/explain" || fail "explain does not say /$pattern/: $(cat "$WORK/explain")"
	done
}

# advised VERDICT PATTERN: the command forkexplain's fix for VERDICT gives
# (a `code span` of its advice matching PATTERN in full), for the scenario
# to apply. Fails when the advice no longer offers it, so a scenario that
# applies the fix fails when the advice goes wrong.
advised() {
	report_json
	"$PYTHON" "$TOP/Tests/scenarios/advised.py" "$WORK/report.json" "$@" ||
		fail "forkexplain's advice for $1 gives no command like /$2/"
}

# spare_uid FROM TO: a uid in FROM..TO that no account and no process has,
# and no default log in /tmp, so that whatever later runs under it is the
# scenario's own. Sets SPARE_UID. Another run of the suite on this machine
# (another engineer's checkout) looks in the same range at the same time:
# the uid is claimed by a lock held until this scenario's shell exits
# (flock(1) on an open descriptor, released by the kernel however the
# shell ends), and a uid another run holds is passed over.
spare_uid() {
	local u lock
	need flock
	SPARE_UID=""
	for u in $(seq "$1" "$2"); do
		getent passwd "$u" >/dev/null && continue
		lock=/tmp/forkexplain-scenario-uid-$u.lock
		exec {SPARE_UID_FD}>>"$lock"
		if flock -n "$SPARE_UID_FD" && [ -z "$(ps -o pid= -u "$u" 2>/dev/null)" ] &&
			[ ! -e "/tmp/forkexplain-$u.jsonl" ]; then
			SPARE_UID=$u
			return 0
		fi
		exec {SPARE_UID_FD}>&-
	done
	fail "no unused uid in $1-$2 (each taken by an account, a process, a /tmp/forkexplain-UID.jsonl or another run)"
}

# The pids hierarchy of this machine: v1's pids controller, else v2 where
# the root offers it. Sets PIDS_MNT and PIDS_VERSION (1 or 2).
find_pids_hierarchy() {
	PIDS_MNT=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
	PIDS_VERSION=1
	if [ -z "$PIDS_MNT" ]; then
		PIDS_MNT=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
		PIDS_VERSION=2
		[ -n "$PIDS_MNT" ] && grep -qw pids "$PIDS_MNT/cgroup.controllers" ||
			fail "no pids cgroup controller on this machine (neither v1 nor v2)"
	fi
}

# memcg_child_setup: the v1 memory hierarchy's mount in $mnt (failing
# loudly without one), the pids hierarchy (find_pids_hierarchy) and
# programs/memcg_child_fail.c built as $WORK/childfail (scenarios 143 and
# 228).
memcg_child_setup() {
	mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)memory(,|$)/ { print $5; exit }' /proc/self/mountinfo)
	[ -n "$mnt" ] && [ -e "$mnt/memory.limit_in_bytes" ] || fail "no v1 memory cgroup hierarchy on this machine"
	find_pids_hierarchy
	cc -std=c11 -O1 -o "$WORK/childfail" "$PROGRAMS/memcg_child_fail.c" -lpthread || fail "cannot build the program"
}

# memcg_pids_pair MEMORY_MOUNT NAME: a v1 memory cgroup of 32 MiB with its
# OOM killer off and a pids cgroup of pids.max 3 (a parent, a child and its
# sleeper), both named NAME, removed at the end once their processes are
# gone: in $mcg and $pcg (scenarios 143 and 228; find_pids_hierarchy
# first).
memcg_pids_pair() {
	mcg="$1/$2"
	pcg="$PIDS_MNT/$2"
	mkdir "$mcg" "$pcg"
	on_exit "rmdir '$mcg' '$pcg'"
	on_exit "for _ in \$(seq 100); do [ -s '$mcg/cgroup.procs' ] || [ -s '$pcg/cgroup.procs' ] || break; sleep 0.1; done"
	echo $((32 << 20)) >"$mcg/memory.limit_in_bytes"
	echo 1 >"$mcg/memory.oom_control"
	echo 3 >"$pcg/pids.max"
}

# in_v1_container CGROUP SCRIPT: runs SCRIPT (bash, set -e; no single
# quote in it) as a container's process, as runc does with
# cgroupns=private: moved into CGROUP (a directory of the v1 pids
# hierarchy), in a cgroup and a mount namespace of its own, the mount tree
# private and the pids hierarchy mounted fresh at /sys/fs/cgroup/pids, so
# that its root there is CGROUP. Bounded to 240 s, run.sh's bound on a
# scenario: one that a loaded machine slows must not lose its container
# mid-way.
in_v1_container() {
	local cgroup=$1 script=$2
	timeout 240 bash -c "echo \$\$ > '$cgroup/cgroup.procs'
		exec unshare -C -m bash -c 'set -e
			mount --make-rprivate /
			mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
			mkdir /sys/fs/cgroup/pids
			mount -t cgroup -o pids none /sys/fs/cgroup/pids
			$script'"
}

# own_root_container LEAF FLAGS SCRIPT: runs SCRIPT (bash, set -e; no
# single quote in it) as a container's process that sees its own pids
# level as / (scenarios 286-288): moved into LEAF (a directory of the v1
# pids hierarchy), in a cgroup and a mount namespace of its own (and those
# `unshare` FLAGS add; the environment CONTAINER_ENV, NAME=VALUE words,
# added for its first process), and only once its mount namespace is
# checked to differ from this shell's, the tree made private, the pids
# hierarchy mounted at /sys/fs/cgroup/pids (its root there LEAF, as runc
# does with cgroupns=private) and a tmpfs over /run: nothing is mounted
# over a host path. Bounded to 240 s.
own_root_container() {
	local leaf=$1 flags=$2 script=$3 host_mnt
	host_mnt=$(readlink /proc/self/ns/mnt)
	[ -n "$host_mnt" ] || fail "cannot read this shell's mount namespace"
	timeout 240 bash -c "echo \$\$ > '$leaf/cgroup.procs'
		exec env ${CONTAINER_ENV:-} unshare -C -m $flags bash -c 'set -e
			[ \"\$(readlink /proc/self/ns/mnt)\" != \"$host_mnt\" ] || { echo not in a mount namespace of its own; exit 3; }
			mount --make-rprivate /
			mount -t tmpfs -o mode=755 tmpfs /sys/fs/cgroup
			mkdir /sys/fs/cgroup/pids
			mount -t cgroup -o pids none /sys/fs/cgroup/pids
			mount -t tmpfs -o mode=755 tmpfs /run
			$script'"
}

# own_root_fill N FLAGS PREP: scenario N's container (own_root_container
# with FLAGS) in a v1 pids cgroup forkexplain-N-PID of pids.max 8: PREP
# (the marks the runtime leaves), then programs/fork_then_room.py under
# the shim ($LOG; its output $WORK/out) forks until refused and lets its
# children go; inside, check in text and JSON ($WORK/check.txt,
# $WORK/check.json) and the level's pids.max and pids.events as the
# container sees them ($WORK/inside.txt).
own_root_fill() {
	local n=$1 flags=$2 prep=$3 leaf container
	find_pids_hierarchy
	[ "$PIDS_VERSION" = 1 ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
	leaf="$PIDS_MNT/forkexplain-$n-$$"
	mkdir "$leaf"
	on_exit "rmdir '$leaf'"
	on_exit "for p in \$(cat '$leaf/cgroup.procs'); do kill -KILL \$p; done; sleep 0.3"
	echo 8 >"$leaf/pids.max"
	own_root_container "$leaf" "$flags" "$prep
		LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=$LOG $PYTHON $PROGRAMS/fork_then_room.py $WORK/release >$WORK/out 2>&1 &
		for _ in \$(seq 1200); do grep -q ^room $WORK/out && break; sleep 0.1; done
		$FORKEXPLAIN check >$WORK/check.txt 2>&1 || true
		$FORKEXPLAIN check --format json >$WORK/check.json 2>&1 || true
		cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids/pids.events >$WORK/inside.txt
		touch $WORK/release
		wait" >"$WORK/container.out" 2>&1 &
	container=$!
	on_exit "touch '$WORK/release'; kill_tree $container"
	wait "$container" || fail "the container failed: $(cat "$WORK/container.out")"
	expect_output "$WORK/out" '^refused 11 after [0-9]+$'
	grep -qx 8 "$WORK/inside.txt" || fail "inside, /sys/fs/cgroup/pids/pids.max is not 8: $(cat "$WORK/inside.txt")"
}

# pids_leaf_8 DIR...: each DIR (relative, in order, the last the leaf)
# made in the v1 pids hierarchy, failing loudly without one, removed and
# its tasks killed on exit; the leaf's pids.max 8; its path in $leaf
# (scenarios 291, 293).
pids_leaf_8() {
	local d
	find_pids_hierarchy
	[ "$PIDS_VERSION" = 1 ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
	for d in "$@"; do
		leaf="$PIDS_MNT/$d"
		mkdir "$leaf"
		on_exit "rmdir '$leaf'"
	done
	on_exit "for p in \$(cat '$leaf/cgroup.procs'); do kill -KILL \$p; done; sleep 0.3"
	echo 8 >"$leaf/pids.max"
}

# rootfs_fill LEAF FLAGS ROOT MOUNTS: a container whose root is the
# directory ROOT of the work dir, as liblxc and runc make it (scenarios
# 291, 293): own_root_container in LEAF with FLAGS (with -p, its own
# /proc), then ROOT bound onto itself, the host's /usr, /etc, /opt and
# /work bound in (read as they are), the work dir and the checkout at
# their own paths (CI clones under /tmp, which the container covers), a
# /proc, the /sys with the pids hierarchy, and a tmpfs /dev (the null,
# zero and random nodes bound in), /run and /tmp of its own; MOUNTS (more
# mount commands, no single quote) last, and chroot into ROOT, where
# programs/fork_then_room.py forks under the shim until refused and
# `check` runs as in own_root_fill. Everything is mounted inside the
# container's mount namespace, on ROOT's directories or its own tmpfs.
rootfs_fill() {
	local leaf=$1 flags=$2 root=$3 mounts=$4 d container
	for d in usr etc opt work proc sys dev run tmp; do mkdir -p "$root/$d"; done
	for d in bin lib lib64 sbin; do ln -s "usr/$d" "$root/$d"; done
	own_root_container "$leaf" "$flags" "mount -t proc proc /proc
		mount --bind $root $root
		for d in usr etc opt work; do mount --rbind /\$d $root/\$d; done
		mount -t tmpfs -o mode=1777 tmpfs $root/tmp
		mkdir -p $root$WORK $root$TOP
		mount --bind $WORK $root$WORK
		mount --bind $TOP $root$TOP
		mount -t proc proc $root/proc
		mount --rbind /sys $root/sys
		mount -t tmpfs -o mode=755 tmpfs $root/dev
		for f in null zero random urandom; do touch $root/dev/\$f; mount --bind /dev/\$f $root/dev/\$f; done
		mount -t tmpfs -o mode=755 tmpfs $root/run
		$mounts
		exec chroot $root /bin/bash -c \"set -e
			LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=$LOG $PYTHON $PROGRAMS/fork_then_room.py $WORK/release >$WORK/out 2>&1 &
			for _ in \\\$(seq 1200); do grep -q ^room $WORK/out && break; sleep 0.1; done
			$FORKEXPLAIN check >$WORK/check.txt 2>&1 || true
			$FORKEXPLAIN check --format json >$WORK/check.json 2>&1 || true
			cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids/pids.events >$WORK/inside.txt
			touch $WORK/release
			wait\"" >"$WORK/container.out" 2>&1 &
	container=$!
	on_exit "touch '$WORK/release'; kill_tree $container"
	wait "$container" || fail "the container failed: $(cat "$WORK/container.out")"
	expect_output "$WORK/out" '^refused 11 after [0-9]+$'
	grep -qx 8 "$WORK/inside.txt" || fail "inside, /sys/fs/cgroup/pids/pids.max is not 8: $(cat "$WORK/inside.txt")"
}

# v1_pids_root: the v1 pids hierarchy's mount in $mnt, failing loudly
# without one or when this shell is not at its root (where the container
# scenarios make their cgroups).
v1_pids_root() {
	mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)pids(,|$)/ { print $5; exit }' /proc/self/mountinfo)
	[ -n "$mnt" ] || fail "no cgroup v1 pids hierarchy on this machine; this scenario needs one"
	[ "$(awk -F: '$2 == "pids" { print $3 }' /proc/self/cgroup)" = / ] ||
		fail "run from the root of the pids hierarchy (this shell is in $(grep :pids: /proc/self/cgroup))"
}

# A platform's pids level made for real (scenarios 243, 244, 248): RUN is the
# scenario's function `RUN LOG OUT`, which starts bash on $WORK/forks.sh
# (4 sleepers; written here) under the shim in the level's leaf, its
# record in LOG and its output in OUT.
forks_script() {
	cat >"$WORK/forks.sh" <<'SH'
for i in 1 2 3 4; do sleep 20 & done
wait
SH
}

# forks_in CGROUP LOG OUT: bash on $WORK/forks.sh under the shim as a
# container's process that sees the host's cgroup paths (no cgroup
# namespace: cgroup v1 runtimes by default), moved into CGROUP first.
forks_in() {
	timeout 240 bash -c "echo \$\$ > '$1/cgroup.procs'
		LD_PRELOAD=$SHIM FORKEXPLAIN_BACKTRACE=0 FORKEXPLAIN_LOG=$2 exec bash $WORK/forks.sh" >"$3" 2>&1 || true
}

# check_names TEXT WHAT: $WORK/check.txt (fork_refused_in's) holds TEXT,
# or the scenario fails saying check does not name WHAT.
check_names() {
	grep -qF -- "$1" "$WORK/check.txt" || fail "check does not name $2: $(cat "$WORK/check.txt")"
}

# fork_refused_in LEVEL LEAF RUN: with LEVEL's pids.max at 4 (bash and 3
# sleepers), RUN in the background until bash's 4th fork is refused
# ($WORK/fork.jsonl, $WORK/fork.out), `check --pid` on LEAF's first task
# while the level is full ($WORK/check.txt, and as JSON $WORK/check.json),
# then RUN to its end (bash
# retries a refused fork for about 15 s).
fork_refused_in() {
	local level=$1 leaf=$2 run=$3 runner inner
	echo 4 >"$level/pids.max"
	: >"$WORK/fork.out"
	"$run" "$WORK/fork.jsonl" "$WORK/fork.out" &
	runner=$!
	on_exit "kill_tree $runner"
	expect_output "$WORK/fork.out" 'fork: (retry: )?Resource temporarily unavailable'
	inner=$(head -n 1 "$leaf/cgroup.procs")
	[ -n "$inner" ] || fail "no task in $leaf"
	"$FORKEXPLAIN" check --pid "$inner" >"$WORK/check.txt" 2>&1 || true
	"$FORKEXPLAIN" check --format json --pid "$inner" >"$WORK/check.json" 2>&1 || true
	wait "$runner" || true
}

# report_workload TEXT: `report` on $LOG ($WORK/report.txt) names the
# workload TEXT (the start of its Workload: line).
report_workload() {
	"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report exited $?"
	grep -qF "  Workload: $1" "$WORK/report.txt" ||
		fail "report does not name the workload $1: $(grep Workload "$WORK/report.txt" || cat "$WORK/report.txt")"
}

# runs_clean_in LEVEL RUN: the fix, LEVEL's pids.max at 64: RUN's bash
# starts its sleepers and the shim records nothing.
runs_clean_in() {
	echo 64 >"$1/pids.max"
	"$2" "$WORK/fixed.jsonl" "$WORK/fixed.out"
	if grep -q 'Resource temporarily' "$WORK/fixed.out"; then
		fail "bash still failed after the limit was raised: $(cat "$WORK/fixed.out")"
	fi
	[ ! -s "$WORK/fixed.jsonl" ] || fail "the shim recorded failures after the fix: $(head -c 400 "$WORK/fixed.jsonl")"
}

# uid_sleepers UID N: starts N sleepers as UID (tasks of the uid
# elsewhere: another container's, a host session's), each ending by itself
# after 200 s, and waits until the uid runs N tasks. Counted at each try:
# a `$(...)` argument to wait_for would be counted once, before the
# sleepers had all changed uid.
uid_sleepers() {
	local uid=$1 n=$2 i
	for i in $(seq "$n"); do
		setpriv --reuid "$uid" --regid "$uid" --clear-groups sleep 200 &
	done
	wait_for 30 uid_runs "$uid" "$n" || fail "the uid's $n sleepers did not start"
}

uid_runs() { [ "$(ps -o pid= -u "$1" | wc -l)" -eq "$2" ]; }

# kill_uid UID: kills every process of a uid spare_uid gave (ours alone).
kill_uid() {
	local p
	for p in $(ps -o pid= -u "$1" 2>/dev/null); do
		kill -KILL "$p" 2>/dev/null || true
	done
}

# empty_cgroup DIR: kills, by pid, every task in the cgroup DIR (one the
# scenario made, so all of them are its own) until none is left, so that
# the rmdir after it finds it empty: a SIGKILLed task leaves cgroup.procs
# only once it has exited, which on a loaded machine takes longer than a
# fixed sleep, and a task forked while the list was read is in the next
# read. Bounded at 20 s.
empty_cgroup() {
	local dir=$1 i p procs
	for ((i = 0; i < 200; i++)); do
		procs=$(cat "$dir/cgroup.procs" 2>/dev/null) # cgroup files have no size: read them
		[ -n "$procs" ] || return 0
		for p in $procs; do kill -KILL "$p" 2>/dev/null; done
		sleep 0.1
	done
	echo "warning: $dir still holds tasks after 20 s: $procs" >&2
}

# pids_cgroup NAME MAX TASKS: a pids cgroup NAME at the top of the pids
# hierarchy with pids.max MAX, holding TASKS tasks (a bash and its
# sleepers), removed on exit after killing what is in it (all ours). Sets
# CG (its directory) and HOLDER (the bash's pid). The sleepers outlive
# any scenario (run.sh stops one at 240 s): a scenario slowed by a loaded
# machine must not see its tasks leave on their own.
pids_cgroup() {
	local name=$1 max=$2 tasks=$3
	find_pids_hierarchy
	CG="$PIDS_MNT/$name"
	mkdir "$CG"
	on_exit "rmdir '$CG'"
	on_exit "empty_cgroup '$CG'"
	echo "$max" >"$CG/pids.max"
	bash -c "echo \$\$ > '$CG/cgroup.procs'; for i in \$(seq $((tasks - 1))); do sleep 300 & done; wait" &
	HOLDER=$!
	wait_for 60 cgroup_holds "$CG" "$tasks" ||
		fail "the cgroup $name did not fill to $tasks tasks: $(cat "$CG/pids.current")"
}

# under_run OUT CMD...: CMD under `forkexplain run` as a task of the pids
# cgroup CG, with RUN_ENV's VAR=VALUE words in its environment; its status
# in PROGRAM_STATUS, its output in OUT.
under_run() {
	local out=$1
	shift
	PROGRAM_STATUS=0
	timeout 90 bash -c "echo \$\$ > '$CG/cgroup.procs'
		exec env ${RUN_ENV:-} '$FORKEXPLAIN' run --log '$LOG' --color never -- $*" >"$out" 2>&1 ||
		PROGRAM_STATUS=$?
}

# probe_run_tasks: the tasks CG holds with `forkexplain run`, a sh and its
# cat in it (they stand where a program and its first child will), in
# RUN_TASKS: run's own threads vary with the machine, so a scenario sizes
# pids.max from this count.
probe_run_tasks() {
	under_run "$WORK/probe" sh -c "'cat $CG/pids.current'"
	RUN_TASKS=$(grep -xE '[0-9]+' "$WORK/probe" | head -n 1)
	[ -n "$RUN_TASKS" ] && [ "$RUN_TASKS" -ge 4 ] || fail "the probe counted no tasks: $(cat "$WORK/probe")"
	echo "the cgroup holds $RUN_TASKS tasks with \`forkexplain run\`, sh and cat in it"
}

# refused_at OUT PATTERN "MAX..." CMD...: sets CG's pids.max to each MAX in
# turn and runs CMD there under `forkexplain run` (a fresh LOG each time)
# until a line of OUT matches PATTERN (grep -E): run's own threads may
# start a little earlier or later, so the counts around the probe's are
# tried. Sets REFUSED to that MAX; fails when none gave the words.
refused_at() {
	local out=$1 pattern=$2 maxes=$3 max
	shift 3
	for max in $maxes; do
		echo "$max" >"$CG/pids.max"
		rm -f "$LOG"
		under_run "$out" "$@"
		if grep -qE "$pattern" "$out"; then
			REFUSED=$max
			return 0
		fi
		echo "pids.max $max: no /$pattern/ (status $PROGRAM_STATUS): $(head -c 300 "$out")" >&2
	done
	fail "no /$pattern/ at pids.max $maxes"
}

# cgroup_holds DIR N: whether the pids cgroup DIR counts N tasks.
cgroup_holds() {
	[ "$(cat "$1/pids.current")" = "$2" ]
}

# run_share_counts OUT TOTAL WHOSE: programs/run_share.py's output OUT,
# run under `forkexplain run`: it was refused, and run's tasks, python and
# its children make TOTAL, the limit of WHOSE ("the cgroup's", "the
# uid's"). Sets RUNNER (run's pid), RUNNER_TASKS and CHILDREN.
run_share_counts() {
	local out=$1 total=$2 whose=$3
	expect_output "$out" '^refused EAGAIN after [0-9]+$'
	read -r _ RUNNER RUNNER_TASKS < <(grep '^run ' "$out")
	CHILDREN=$(sed -n 's/^refused EAGAIN after \([0-9]*\)$/\1/p' "$out")
	[ $((RUNNER_TASKS + 1 + CHILDREN)) = "$total" ] ||
		fail "run's $RUNNER_TASKS tasks + python + its $CHILDREN children are not $whose $total"
}

# expect_write_failure STATUS WHAT COMMAND...: the command could not write
# its output; it must exit STATUS with one line saying so.
expect_write_failure() {
	local want=$1 what=$2
	shift 2
	local status=0
	"$@" 2>"$WORK/err" || status=$?
	[ "$status" = "$want" ] || fail "$what exited $status, expected $want: $(cat "$WORK/err")"
	[ "$(wc -l <"$WORK/err")" = 1 ] && grep -q 'cannot write' "$WORK/err" ||
		fail "$what did not say it could not write: $(cat "$WORK/err")"
}

# build_userns_child: builds programs/userns_child.go (a Go program that
# starts a child of itself with CLONE_NEWUSER, as RootlessKit and
# containerd do) into $WORK/userns_child.
# v1_memcg NAME BYTES: a memory cgroup NAME of this scenario's own at the
# top of the v1 memory hierarchy, limited to BYTES, removed on exit once
# the processes put in it are gone. Sets MEMCG (its directory).
v1_memcg() {
	local mnt
	mnt=$(awk '$9 == "cgroup" && $NF ~ /(^|,)memory(,|$)/ { print $5; exit }' /proc/self/mountinfo)
	[ -n "$mnt" ] && [ -e "$mnt/memory.limit_in_bytes" ] || fail "no v1 memory cgroup hierarchy on this machine"
	MEMCG="$mnt/$1"
	mkdir "$MEMCG"
	on_exit "rmdir '$MEMCG'"
	on_exit "for _ in \$(seq 100); do [ -s '$MEMCG/cgroup.procs' ] || break; sleep 0.1; done"
	echo "$2" >"$MEMCG/memory.limit_in_bytes"
}

# build_cgo SOURCE NAME: programs/SOURCE built with cgo into $WORK/NAME,
# dynamically linked, so that the Go runtime makes its threads with the C
# library's pthread_create, as dockerd and runc do. Standard library and
# cgo only, no network: the build cache lives in $WORK.
build_cgo() {
	need go
	need gcc
	CGO_ENABLED=1 GO111MODULE=off GOFLAGS= GOCACHE="$WORK/gocache" GOPATH="$WORK/gopath" HOME="$WORK" \
		go build -o "$WORK/$2" "$PROGRAMS/$1" 2>"$WORK/go.err" ||
		fail "go build failed: $(cat "$WORK/go.err")"
	file "$WORK/$2" 2>/dev/null | grep -q 'dynamically linked' || fail "$1 is not built with cgo (not dynamically linked)"
}

build_userns_child() {
	need go
	CGO_ENABLED=0 GO111MODULE=off GOFLAGS= GOCACHE="$WORK/gocache" GOPATH="$WORK/gopath" HOME="$WORK" \
		go build -o "$WORK/userns_child" "$PROGRAMS/userns_child.go" 2>"$WORK/go.err" ||
		fail "go build failed: $(cat "$WORK/go.err")"
}

# userns_child_with SETUP [ARG]: the program, output in $WORK/out and status
# in PROGRAM_STATUS, in a user namespace of our own (root mapped) after the
# shell command SETUP ran there: its /proc/sys/user limits are that
# namespace's, the host's stay as they are (docs/kernel-facts.md §11.68).
userns_child_with() {
	PROGRAM_STATUS=0
	timeout 60 unshare --user --map-root-user --fork bash -c "$1 || exit 90
		exec '$WORK/userns_child' ${2:-}" >"$WORK/out" 2>&1 || PROGRAM_STATUS=$?
}

# build_ns_clone: builds programs/ns_clone.c (a C program that creates a
# child in new namespaces through libc's clone(), which the shim wraps)
# into $WORK/ns_clone.
build_ns_clone() {
	cc -std=c11 -O1 -o "$WORK/ns_clone" "$PROGRAMS/ns_clone.c" 2>"$WORK/cc.err" ||
		fail "cannot build ns_clone: $(cat "$WORK/cc.err")"
}

# host_userns_unchanged: the scenarios set namespace limits only inside
# user namespaces of their own (docs/kernel-facts.md §11.68); this says
# the host's stayed as they were when the scenario started.
HOST_MAX_USER_NS=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null)
HOST_MAX_PID_NS=$(cat /proc/sys/user/max_pid_namespaces 2>/dev/null)
host_userns_unchanged() {
	[ "$(cat /proc/sys/user/max_user_namespaces)" = "$HOST_MAX_USER_NS" ] &&
		[ "$(cat /proc/sys/user/max_pid_namespaces)" = "$HOST_MAX_PID_NS" ] ||
		fail "the host's namespace limits changed"
}

# expect_partial_check DIR LABEL LIMIT PATTERN...: `check`'s text in
# DIR/check (its exit status in DIR/check.rc, its JSON in DIR/check.json)
# left RLIMIT_NPROC's row LABEL uncounted, a part of LIMIT seen
# (docs/kernel-facts.md §11.114): UNKNOWN (exit 3), each PATTERN (grep -E)
# said, the part not rated ok, and the JSON unknown with the host's count.
expect_partial_check() {
	local dir=$1 label=$2 limit=$3 rc pattern
	shift 3
	rc=$(cat "$dir/check.rc")
	[ "$rc" = 3 ] || fail "check exited $rc, not 3 (UNKNOWN): $(cat "$dir/check" "$dir/check.err" 2>/dev/null)"
	expect_output "$dir/check" "^FORKEXPLAIN UNKNOWN - not counted: $label: only a part"
	expect_output "$dir/check" "^  \\?\\?   $label: [0-9]+ seen here of $limit, the whole count is not visible"
	for pattern in "$@"; do expect_output "$dir/check" "$pattern"; done
	grep -q '^  ok   RLIMIT_NPROC' "$dir/check" && fail "check still rates the part ok: $(cat "$dir/check")"
	grep -q '"status" : "unknown"' "$dir/check.json" || fail "check --format json is not unknown: $(cat "$dir/check.json")"
	grep -q "\"uncounted_checks\" : \\[" "$dir/check.json" || fail "check --format json names no host count: $(cat "$dir/check.json")"
}
