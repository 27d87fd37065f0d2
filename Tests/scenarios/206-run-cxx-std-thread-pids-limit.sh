# A C++ program whose std::thread is refused aborts with "terminate called
# after throwing an instance of 'std::system_error'" and "what():
# Resource temporarily unavailable" (github.com/kaldi-asr/kaldi/issues/2280,
# github.com/RasaHQ/rasa/issues/5997; libc++'s "thread constructor
# failed", github.com/ggml-org/llama.cpp/issues/17168 under TasksMax=2).
# The words name neither a thread nor a limit (docs/kernel-facts.md
# §11.97). Reproduced for real: g++'s std::thread, 20 threads in a pids
# cgroup of 12, under `forkexplain run`. The shim sees libstdc++'s call to
# pthread_create (std::thread::_M_start_thread is the caller), report
# names the cgroup's limit and says the caller was std::thread, explain
# reads the two lines as a refused thread, and a program that catches the exception gets EAGAIN (11).
. "$(dirname "$0")/lib.sh"
need_root
need g++
g++ -O2 -Wall -Wextra -o "$WORK/cxx_threads" "$PROGRAMS/cxx_threads.cpp" 2>"$WORK/g++.err" ||
	fail "g++ failed: $(cat "$WORK/g++.err")"
pids_cgroup "forkexplain-206-cxxthread-$$" 12 2

# threads N [catch] OUT: the program in the cgroup under `forkexplain run`.
threads() {
	local out=${*: -1}
	PROGRAM_STATUS=0
	timeout 60 bash -c "echo \$\$ > '$CG/cgroup.procs'
		exec '$FORKEXPLAIN' run --log '$LOG' --color never -- '$WORK/cxx_threads' ${*:1:$#-1}" \
		>"$out" 2>"$out.run" || PROGRAM_STATUS=$?
}

threads 20 "$WORK/out"
# SIGABRT from std::terminate: run passes the command's status on (128 + 6).
[ "$PROGRAM_STATUS" = 134 ] || fail "the program did not abort (status $PROGRAM_STATUS): $(cat "$WORK/out" "$WORK/out.run")"
expect_output "$WORK/out.run" "^terminate called after throwing an instance of 'std::system_error'$"
expect_output "$WORK/out.run" '^  what\(\):  Resource temporarily unavailable$'
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="/forkexplain-206-cxxthread-$$" rec.process.comm=cxx_threads not_family=oom \
	evidence="C++'s std::thread (or std::async): libstdc++ throws std::system_error with EAGAIN"
"$FORKEXPLAIN" report --color never "$LOG" >"$WORK/report.txt" || fail "report failed"
grep -qF 'std::thread::_M_start_thread' "$WORK/report.txt" ||
	fail "the backtrace does not name libstdc++'s std::thread: $(grep -A3 Backtrace "$WORK/report.txt")"
explain_reads "$(grep -A1 '^terminate called' "$WORK/out.run")" 'C++ (std::thread, libstdc++)' cgroup_pids_limit \
	'EAGAIN while creating a thread' 'ends the program through std::terminate' 'not the heap'

# Caught, the same refusal is the exception's code: 11, EAGAIN.
threads 20 catch "$WORK/caught"
grep -qE '^refused thread [0-9]+: code 11: Resource temporarily unavailable$' "$WORK/caught" ||
	fail "the caught exception's code is not 11: $(cat "$WORK/caught")"
echo "ok: std::thread under pids.max 12 aborted with libstdc++'s system_error; report named the cgroup's limit from pthread_create in std::thread::_M_start_thread, explain read a refused thread, and caught, the code was 11 ($(head -1 "$WORK/caught"))"
