# GAP reserves its workspace, 3/4 of the RAM, when it starts, "so when we
# fork, we are technically using 1.5x physical memory ... if you enable
# [strict overcommit] GAP can't fork"; fixed by a 2 GB default pool
# (https://github.com/gap-system/gap/issues/3509; docs/kernel-facts.md
# §11.170). Replayed on an 8 GB machine with vm.overcommit_memory 2 and
# overcommit_ratio 100, no swap: the fork's 5.8 GiB of VmData, 371 MiB of
# it resident, does not fit the commit limit, with 6.8 GiB available. The
# fix leads with the reservation; the ratio that would have fitted is named.
# And an OpenVZ VPS's numproc filled by Apache's threads (below).
. "$(dirname "$0")/lib.sh"
replay gap-fork-strict-overcommit fork ENOMEM
expect verdict=commit_limit family=oom call=fork errno=ENOMEM binding='CommitLimit (vm.overcommit_memory 2)' \
	evidence='Committed_AS 6.3 GiB + the parent' evidence='= 12.1 GiB > CommitLimit 7.6 GiB' \
	evidence='MemAvailable was 6.8 GiB' evidence='is 15 times its VmRSS 371.1 MiB' \
	advice="GAP's \`-s\`/\`-o\`" advice='`sysctl -w vm.overcommit_ratio=160`' \
	advice='`vm.overcommit_kbytes=12781764`' advice='posix_spawn' not_verdict=memory_exhausted \
	rec.memory.overcommit_memory=2 rec.memory.vm_rss_kb=380000
"$PYTHON" - "$WORK/report.json" <<'PY' || fail "the reservation is not the first fix"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
advice = next(e for e in events if e.get("verdict") == "commit_limit")["advice"]
sys.exit(0 if advice[0].startswith("Make the parent reserve less") else print(advice[:2]) or 1)
PY

# A rented OpenVZ server (2011): "cannot fork" with "only 20 processes"
# against a numproc of 94, "The virtual machine host counts kernel level
# threads towards the process limit", Apache's worker MPM's; fixed with
# ServerLimit 4, MaxClients 64, ThreadsPerChild 16
# (https://blog.mafr.de/2011/09/04/cannot-fork/; docs/kernel-facts.md
# §11.170). Replayed as an Apache child's refused thread at 94 of 94: the
# node's numproc, and Apache's own sizes that fit it.
replay openvz-apache-worker-94 pthread_create EAGAIN
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN binding='OpenVZ beancounter numproc' \
	evidence='numproc held 94 of limit 94' evidence='ServerLimit × (ThreadsPerChild + 3) + 1 tasks against numproc 94' \
	advice='vzctl set 2203 --numproc 188:188' advice='`ThreadsPerChild 25`, `ServerLimit 3`' not_family=oom \
	rec.beancounters.numproc.limit=94 rec.beancounters.numproc.failcnt=57
echo "ok: GAP's untouched workspace named first, the ratio that fits second; OpenVZ's numproc 94 with Apache's sizes"
