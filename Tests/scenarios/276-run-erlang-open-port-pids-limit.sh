# A workflow engine on the Erlang VM that starts a port program per task
# dies with `{"init terminating in do_boot",{eagain,[{erlang,open_port,...`
# (https://github.com/joergen7/cuneiform/issues/59, 24 tasks at once):
# open_port raises the fork's errno as a posix atom, and the fork is made
# by erl_child_setup, the VM's helper, in the VM's cgroup
# (docs/kernel-facts.md §11.181). Reproduced for real: Debian's erl under a
# pids limit, opening ports (`sleep`) until one is refused. main's explain
# read no errno in the atom, no program, and listed pid_max first; it must
# read EAGAIN, the Erlang VM's open_port, and the pids limit first. The
# limit raised by the ports' number, the same program opens them all.
. "$(dirname "$0")/lib.sh"
need_root
need erl
# The holder and its sleeper: the VM's room is sized below.
pids_cgroup "forkexplain-fieldmsgs2-276-$$" 14 2
HELD=$(cat "$CG/cgroup.procs")
# The fewest threads the VM starts with, whatever the cores.
FLAGS="+S 1:1 +SDcpu 1:1 +SDio 1 +A 1"
PORTS=40

# ports OUT: erl in the cgroup opening $PORTS ports, from $WORK (where a VM
# that dies writes erl_crash.dump); the ports' sleeps are killed after.
ports() {
	PROGRAM_STATUS=0
	(cd "$WORK" && ERL_FLAGS="$FLAGS" timeout 60 bash -c "
		echo \$\$ > '$CG/cgroup.procs'
		exec erl -noshell -eval 'L = fun F(N) when N > $PORTS -> io:format(\"opened ~p~n\", [N - 1]), halt(); F(N) -> open_port({spawn, \"sleep 60\"}, []), F(N + 1) end, L(1).'") \
		>"$1" 2>&1 || PROGRAM_STATUS=$?
	local p
	for p in $(cat "$CG/cgroup.procs"); do
		grep -qx "$p" <<<"$HELD" || kill "$p" 2>/dev/null || true
	done
	wait_for 30 cgroup_holds "$CG" 2 || fail "the ports' sleeps did not end: $(cat "$CG/pids.current")"
}

# Room for the VM, not for its ports: the first limit at which it starts
# and a port is refused (below it the VM's own threads or inet_gethost are).
refused=""
for max in $(seq 14 41); do
	echo "$max" >"$CG/pids.max"
	ports "$WORK/out"
	if grep -q '{eagain,\[{erlang,open_port,' "$WORK/out"; then
		refused=$max
		break
	fi
done
[ -n "$refused" ] || fail "no pids.max from 14 to 41 refused a port: $(cat "$WORK/out")"
[ "$PROGRAM_STATUS" != 0 ] || fail "the VM exited 0 with a port refused: $(cat "$WORK/out")"
grep -qE '^max [1-9]' "$CG/pids.events" || fail "the kernel counted no refusal: $(cat "$CG/pids.events")"
echo "pids.max $refused: the VM started and a port was refused"

line=$(grep -m1 '^{"init terminating in do_boot",{eagain' "$WORK/out")
explain_reads "$line" 'the Erlang VM (open_port)' cgroup_pids_limit 'EAGAIN while creating a process' \
	'erl_child_setup' 'bound the concurrent ports'

# The limit raised by the ports' number: every port opens.
echo $((refused + PORTS)) >"$CG/pids.max"
ports "$WORK/fixed"
[ "$PROGRAM_STATUS" = 0 ] && grep -q "^opened $PORTS\$" "$WORK/fixed" ||
	fail "the VM did not open $PORTS ports with pids.max $((refused + PORTS)) (status $PROGRAM_STATUS): $(cat "$WORK/fixed")"
echo "ok: erl's open_port refused at pids.max $refused read as the Erlang VM's EAGAIN, pids limit first; $PORTS ports opened at $((refused + PORTS))"
