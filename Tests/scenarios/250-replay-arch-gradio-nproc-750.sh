# Gradio 4.0.1 on Arch Linux (July 2016) aborted with "(gradio:28005):
# GLib-ERROR **: creating thread 'image_thread': Error creating thread:
# Resource temporarily unavailable"; threads-max 61496, `ulimit -u` 750,
# `ps ax|wc -l` 288 (github.com/haecker-felix/Gradio/issues/41;
# docs/kernel-facts.md §11.220). 288 lines of processes look far from 750,
# but RLIMIT_NPROC counts the uid's threads: the user's desktop holds 750.
# report must say rlimit_nproc with the uid's 750 tasks counted, not the
# processes; explain reads GLib's line as EAGAIN creating a thread with the
# uid's limit among its causes.
. "$(dirname "$0")/lib.sh"
need_root
spare_uid 62500 62999
replay_as "$SPARE_UID" arch-gradio-nproc-750 pthread_create EAGAIN
expect verdict=rlimit_nproc family=denial call=pthread_create errno=EAGAIN confidence=high \
	evidence="uid $SPARE_UID has 750 tasks" advice="750 is not the kernel's" advice='(30748 of the 61496 now' \
	advice='grep -rsn nproc /etc/security/limits.conf' advice='Log out and in again afterwards' not_verdict=pid_max not_verdict=threads_max \
	not_verdict=memory_exhausted not_verdict=cgroup_pids_limit rec.limits.nproc.soft=750 rec.limits.uid_tasks=750
"$FORKEXPLAIN" explain "(gradio:28005): GLib-ERROR **: creating thread 'image_thread': Error creating thread: Resource temporarily unavailable" \
	>"$WORK/explain" || fail "explain exited $?"
grep -qF 'EAGAIN while creating a thread' "$WORK/explain" || fail "explain does not read EAGAIN for a thread: $(cat "$WORK/explain")"
grep -qF '[rlimit_nproc]' "$WORK/explain" || fail "explain does not offer RLIMIT_NPROC: $(cat "$WORK/explain")"
echo "ok: Gradio's GLib thread at the uid's 750 of RLIMIT_NPROC, threads counted, not ps ax's 288"
