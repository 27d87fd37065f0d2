# RLIMIT_NPROC for a non-root uid: real python3 starts children with
# subprocess (vfork through the PLT, so the shim's vfork stub runs) until
# the uid's task count reaches `ulimit -u`, and Python raises
# BlockingIOError [Errno 11]. The limit counts every task of the real uid.
. "$(dirname "$0")/lib.sh"
need_root
need setpriv
[ -x "$PYTHON" ] || fail "$PYTHON is missing"

# A uid nobody uses, so that the count is ours alone.
spare_uid 61234 61299
uid=$SPARE_UID

cp "$PROGRAMS/spawn_bomb.py" "$WORK/"
touch "$LOG"
chown "$uid" "$LOG"
# The uid was unused before we started, so whatever runs under it is ours.
on_exit 'for p in $(ps -o pid= -u '"$uid"'); do kill -KILL "$p"; done 2>/dev/null' 
FORKEXPLAIN_LOG="$LOG" timeout 60 setpriv --reuid "$uid" --regid "$uid" --clear-groups --inh-caps=-all \
	bash -c "ulimit -u 12 && LD_PRELOAD='$SHIM' exec '$PYTHON' '$WORK/spawn_bomb.py' 100" \
	>"$WORK/out" 2>&1 || true
expect_output "$WORK/out" 'BlockingIOError: \[Errno 11\] Resource temporarily unavailable'

expect verdict=rlimit_nproc family=denial errno=EAGAIN not_family=oom binding="$uid" evidence='12'
