# glibc 2.36 (2.29-2.37): popen reports every spawn failure as ENOMEM. A
# full pids cgroup (the v2 slice machine) is the cause, and the note says
# the ENOMEM is popen's. The glibc version is the log's: the shim records
# the real process's, so the record is rewritten as a 2.36 host's.
. "$(dirname "$0")/lib.sh"
replay v2-pids-slice popen ENOMEM
"$PYTHON" "$TOP/Tests/scenarios/relabel.py" "$LOG" glibc=2.36
expect verdict=cgroup_pids_limit family=denial call=popen errno=ENOMEM binding='/system.slice' misleading='popen'
