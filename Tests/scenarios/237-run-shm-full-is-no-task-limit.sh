# A full /dev/shm is no task limit: PyTorch's DataLoader workers pass
# batches through files there, and a full one gives "unable to write to
# file </torch_…>: No space left on device (28)" or kills a worker with
# SIGBUS ("Unexpected bus error encountered in worker. This might be
# caused by insufficient shared memory (shm)"), which users raise pids or
# ulimit -u for (docs/kernel-facts.md §11.135). PyTorch is not installed
# here, so its texts are replayed from the threads that pasted them
# (github.com/ultralytics/ultralytics/issues/1238,
# github.com/pytorch/pytorch/issues/26009); the mechanism is reproduced for
# real with python3 in a private mount namespace whose /dev/shm is a
# 64 KiB tmpfs: multiprocessing.shared_memory sizes a 1 MiB segment there
# (ftruncate succeeds), and writing it kills python with SIGBUS (status
# 135), under `forkexplain run`, whose shim must record no failure (no
# task was refused); a write to the same /dev/shm fails with ENOSPC.
# explain must say no task limit is the cause for each text.
. "$(dirname "$0")/lib.sh"
need_root
need unshare
cat >"$WORK/shm_fill.py" <<'PY'
from multiprocessing import shared_memory
m = shared_memory.SharedMemory(create=True, size=1 << 20)
print("created", m.size, flush=True)
m.buf[:] = b"x" * m.size
print("written", flush=True)
PY
status=0
timeout 60 unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs /dev/shm &&
	'$FORKEXPLAIN' run --log '$LOG' --color never -- '$PYTHON' '$WORK/shm_fill.py' >'$WORK/fill.out' 2>&1
	echo \$? >'$WORK/fill.status'
	dd if=/dev/zero of=/dev/shm/more bs=1k count=128 2>'$WORK/dd.err'; true" || status=$?
[ "$status" = 0 ] || fail "the private /dev/shm could not be set up (status $status)"
grep -qx 'created 1048576' "$WORK/fill.out" || fail "the segment was not sized: $(cat "$WORK/fill.out")"
! grep -qx written "$WORK/fill.out" || fail "1 MiB was written into a 64 KiB /dev/shm"
[ "$(cat "$WORK/fill.status")" = 135 ] || fail "python did not die of SIGBUS: status $(cat "$WORK/fill.status")"
[ ! -s "$LOG" ] || fail "the shim recorded a failure though no task was refused: $(head -c 500 "$LOG")"
grep -q 'No space left on device' "$WORK/dd.err" || fail "the write to the full /dev/shm did not fail with ENOSPC: $(cat "$WORK/dd.err")"
echo "python died of SIGBUS (status 135) writing a 1 MiB segment in a 64 KiB /dev/shm, with no task refused; dd got ENOSPC there"

not_a_task() {
	local name=$1 text=$2 want=$3
	"$FORKEXPLAIN" explain "$text" >"$WORK/explain.$name" || fail "explain failed on $name"
	grep -qF -- "$want" "$WORK/explain.$name" || fail "explain on $name does not say '$want': $(cat "$WORK/explain.$name")"
	! grep -q 'Possible causes' "$WORK/explain.$name" || fail "explain lists task limits for $name: $(cat "$WORK/explain.$name")"
}
not_a_task dd "$(head -n 1 "$WORK/dd.err")" 'a full filesystem, not a task creation'
not_a_task torch-enospc 'RuntimeError: unable to write to file </torch_722_783672312_1>: No space left on device (28)' '--shm-size'
not_a_task torch-sigbus 'ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).' 'no task limit is the cause'
echo "ok: a full /dev/shm killed python with SIGBUS and refused a write with ENOSPC for real, the shim recorded no task failure, and explain sent each text (dd's, PyTorch's two) to /dev/shm, not to a task limit"
