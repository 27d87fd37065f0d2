# glibc 2.39 (2.38+ return the real errno from popen): an ENOMEM is a real
# ENOMEM, so a pids cgroup 2 under its limit, which refused forks before,
# is not the cause (it would say EAGAIN). Memory is fine: unexplained or a
# memory verdict, never the pids cgroup.
. "$(dirname "$0")/lib.sh"
replay v2-pids-slice-near popen ENOMEM
"$PYTHON" "$TOP/Tests/scenarios/relabel.py" "$LOG" glibc=2.39
expect verdict='memory_exhausted|unexplained' call=popen errno=ENOMEM not_verdict=cgroup_pids_limit \
	rec.cgroups.pids.1.current=510 rec.glibc=2.39
