# A proxy-node toolkit wrote vm.overcommit_memory = 2 with overcommit_ratio
# 100, and Docker then failed at random (https://github.com/bgpeer/nodekit/pull/154;
# docs/kernel-facts.md §11.216): the 6th container would not start with
# CommitLimit 4.80Gi, Committed_AS 4.54Gi (94.7 %), 2.3G of 3.8G available,
# swap untouched, `OCI runtime create failed: write init-p: broken pipe`,
# and only `__vm_enough_memory: not enough memory for the allocation` in
# dmesg. Replayed: runc's thread (cgo makes the Go runtime's threads with
# pthread_create) refused at that 94.7 %, which mm/util.c refuses below
# CommitLimit by its admin and user reserves. report must say commit_limit
# with the reserves, put the limit's fixes (mode 0) before a stack glibc
# sized as usual, and give no ratio below the one in force; explain must
# read the kernel's line and runc's words as the commit limit.
. "$(dirname "$0")/lib.sh"

replay nodekit-strict-overcommit-runc pthread_create EAGAIN
expect verdict=commit_limit family=oom call=pthread_create errno=EAGAIN confidence=medium \
	binding='CommitLimit (vm.overcommit_memory 2)' evidence='overcommit_ratio 100' \
	evidence='is 96 % of CommitLimit 4.8 GiB less the reserves' evidence='min(VmSize 1.5 GiB / 32' \
	evidence='MemAvailable was 2.3 GiB' advice='`sysctl -w vm.overcommit_memory=0`' \
	not_advice='vm.overcommit_ratio=9' not_verdict=memory_exhausted not_verdict=unexplained \
	rec.memory.overcommit_memory=2 rec.memory.commit_limit_kb=5033160 rec.memory.committed_as_kb=4766402
first_fix commit_limit 'Raise the commit limit'

"$FORKEXPLAIN" explain '__vm_enough_memory: pid: 41231, comm: runc:[2:INIT], bytes: 67108864 not enough memory for the allocation' \
	>"$WORK/explain" || fail "explain exited $?"
for want in 'printed by the kernel' '[commit_limit]' 'refused runc:[2:INIT] (pid 41231) a charge of 64.0 MiB' \
	'`sysctl -w vm.overcommit_memory=0`'; do
	grep -qF -- "$want" "$WORK/explain" || fail "explain of the kernel's line lacks '$want': $(cat "$WORK/explain")"
done
# The thread's own words, and the two together: the kernel's line puts the commit limit first.
"$FORKEXPLAIN" explain 'OCI runtime create failed: write init-p: broken pipe' >"$WORK/explain" || fail "explain exited $?"
grep -qF 'printed by runc (runc init died before it read its bootstrap data)' "$WORK/explain" ||
	fail "explain does not name runc's init-p write: $(cat "$WORK/explain")"
grep -q '^2\. overcommit accounting refused' "$WORK/explain" || fail "commit_limit is not second: $(cat "$WORK/explain")"
printf '%s\n' '__vm_enough_memory: not enough memory for the allocation' \
	'OCI runtime create failed: write init-p: broken pipe' >"$WORK/both.log"
"$FORKEXPLAIN" explain - <"$WORK/both.log" >"$WORK/explain" || fail "explain exited $?"
grep -q '^1\. overcommit accounting refused' "$WORK/explain" || fail "commit_limit is not first beside the kernel's line: $(cat "$WORK/explain")"
echo "ok: runc's thread refused at 94.7 % of CommitLimit is the commit limit, within the kernel's reserves; explain reads the kernel's line and runc's init-p"
