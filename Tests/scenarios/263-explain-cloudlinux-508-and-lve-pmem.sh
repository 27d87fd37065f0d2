# CloudLinux shared hosting, the texts a hosting ticket carries and the
# LVE's memory (docs/kernel-facts.md §11.164 to §11.166). NO LVE KERNEL
# HERE: the replay reads /proc/lve fixtures in kmod-lve's format
# (Tests/scenarios/cloudlinux.py) under a spare uid.
# 1. `forkexplain explain` on Apache's mod_hostinglimits line, verbatim
#    from pastebin.com/9VSgKHhi ("Error on LVE enter ... errno (7)"): EP,
#    not a refused task, with --maxEntryProcs; on the 508 page the same.
# 2. bash's fork retries with the server's CloudLinux 7 kernel release:
#    EAGAIN of a process, the LVE's NPROC and lvectl named beside bash's.
# 3. The user's LVE at PMEM 262100 of 262144 pages (1 GiB), fMEMPHY 42,
#    EP 20 of 20: a refused fork (ENOMEM) is the LVE's PMEM at medium
#    confidence at most, since over PMEM the LVE's processes are killed.
. "$(dirname "$0")/lib.sh"
need_root
line='[Sat Oct 10 08:32:37 2015] [error] mod_hostinglimits:Error on LVE enter: LVE(32533) HANDLER(fcgid-script) HOSTNAME(webtreemediasol.com) URL(/client-demo/ramsis-haspitality/index.php) TID(959441) errno (7) Read more: http://e.cloudlinux.com/MHL-E2BIG'
printf '%s\n' "$line" | "$FORKEXPLAIN" explain - >"$WORK/ep.txt" 2>&1 || fail "explain failed: $(cat "$WORK/ep.txt")"
grep -q "an error from the user's LVE entry processes (EP): a web request could not enter the user's LVE, printed by CloudLinux mod_hostinglimits" \
	"$WORK/ep.txt" || fail "explain does not name EP: $(cat "$WORK/ep.txt")"
grep -q 'No process or thread was refused' "$WORK/ep.txt" || fail "explain lists task causes for EP: $(cat "$WORK/ep.txt")"
grep -q -- '--maxEntryProcs=N' "$WORK/ep.txt" || fail "explain gives no EP fix: $(cat "$WORK/ep.txt")"
printf '508 Resource Limit Is Reached\n' | "$FORKEXPLAIN" explain - >"$WORK/508.txt" 2>&1 || fail "explain failed on the 508 page"
grep -q 'CloudLinux mod_hostinglimits (entry processes)' "$WORK/508.txt" || fail "explain misses the 508 page: $(cat "$WORK/508.txt")"
printf '%s\n' '-bash: fork: retry: Resource temporarily unavailable' '-bash: fork: Resource temporarily unavailable' \
	'$ uname -r' '3.10.0-962.3.2.lve1.5.81.el7.x86_64' | "$FORKEXPLAIN" explain - >"$WORK/bash.txt" 2>&1 ||
	fail "explain failed on bash's lines"
grep -q 'They say: EAGAIN while creating a process, printed by bash.' "$WORK/bash.txt" || fail "bash's failure lost: $(cat "$WORK/bash.txt")"
grep -q "each user's processes run in the user's LVE" "$WORK/bash.txt" || fail "no LVE named: $(cat "$WORK/bash.txt")"
grep -q -- 'lvectl set-user USER --nproc=N' "$WORK/bash.txt" || fail "no lvectl fix: $(cat "$WORK/bash.txt")"
grep -q '^1\. .*\[cgroup_pids_limit\]' "$WORK/bash.txt" || fail "the task limit is not first: $(cat "$WORK/bash.txt")"
spare_uid 62670 62719
replay_as "$SPARE_UID" cloudlinux-lve-pmem fork ENOMEM
expect verdict=memcg_limit family=oom call=fork errno=ENOMEM confidence=medium \
	binding="CloudLinux LVE PMEM of LVE $SPARE_UID" evidence='PMEM 1023.8 MiB of lMEMPHY 1.0 GiB' evidence='fMEMPHY 42' \
	advice="lvectl set $SPARE_UID --pmem=2048M --save" misleading='does not mean the server is out of memory' \
	not_verdict=cgroup_pids_limit not_verdict=unexplained rec.lve.pmem_pages=262100 rec.lve.pmem_faults=42 rec.lve.ep_faults=311
echo "ok: EP and the 508 page are no refused task; bash's fork on an lve kernel names the LVE; a full PMEM is the LVE's, medium"
