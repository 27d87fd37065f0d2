# A static C program (gcc -static: no PLT, the shim cannot be preloaded
# into it) forking under a spare uid's RLIMIT_NPROC of 12, set with
# setpriv. watch sees the failed clone and reads the uid's task count and
# limit from the host: rlimit_nproc.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch_lib.sh"
need_root
need setpriv
build_forker

# A uid nobody uses, so that the count is ours alone.
spare_uid 61300 61399
uid=$SPARE_UID
# The uid was unused before we started, so whatever runs under it is ours.
on_exit 'for p in $(ps -o pid= -u '"$uid"'); do kill -KILL "$p"; done 2>/dev/null'

start_watch
# HOLD 3 s: the failing program stays readable after its failure.
timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all \
	bash -c "ulimit -u 12 && exec '$WORK/forker' 100 '' 3" >"$WORK/out" 2>&1 || true
expect_output "$WORK/out" 'forker: fork: Resource temporarily unavailable'
wait_watch uid="$uid"
stop_watch
expect verdict=rlimit_nproc family=denial errno=EAGAIN source=watch not_family=oom binding="$uid" evidence='12'
