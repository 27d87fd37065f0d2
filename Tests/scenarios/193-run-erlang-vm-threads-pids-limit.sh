# RabbitMQ on a many-core host aborts as it starts: "Failed to create
# thread: Resource temporarily unavailable (11)" then "Aborted (core
# dumped)", with memory free (https://github.com/rabbitmq/rabbitmq-server/issues/8795,
# a 512 GB server; https://github.com/bitnami/bitnami-docker-rabbitmq/issues/157,
# a Kubernetes pod on AMD 7H12 nodes; "when CPU cores > 64",
# https://github.com/Juniper/contrail-operator/issues/534, fixed with
# RABBITMQ_IO_THREAD_POOL_SIZE=128). The Erlang VM starts a set of threads
# sized from the cores before it runs any code and aborts when one is
# refused (docs/kernel-facts.md §11.80). Reproduced for real: Debian's erl
# under a pids limit below that set. main's forkexplain named the limit
# but told the operator to "look for a leak first" and to double it; it
# must say the VM's own thread set is what the limit must hold and offer
# the VM's flags, which then let it start under the same limit. explain
# must know the VM's messages (its own "error = 11", and inet_gethost's
# "Unable to create worker process", https://github.com/docker-library/rabbitmq/issues/595).
. "$(dirname "$0")/lib.sh"
need_root
need erl
# The holder bash and its sleeper, and 12 for the VM: fewer than it starts
# on any machine (1 scheduler + 1 dirty CPU + 10 dirty I/O schedulers,
# beside its main, aux and poll threads), enough for it with one of each.
pids_cgroup "forkexplain-field17-beam-$$" 14 2

# beam FLAGS OUT: erl in the cgroup under the shim, from $WORK (where an
# aborting VM writes erl_crash.dump).
beam() {
	PROGRAM_STATUS=0
	(cd "$WORK" && FORKEXPLAIN_LOG="$LOG" ERL_FLAGS="$1" timeout 60 bash -c "
		echo \$\$ > '$CG/cgroup.procs'
		LD_PRELOAD='$SHIM' exec erl -noshell -eval 'io:format(\"started ~p~n\", [erlang:system_info(schedulers)]), halt().'") \
		>"$2" 2>&1 || PROGRAM_STATUS=$?
}

beam "" "$WORK/out"
[ "$PROGRAM_STATUS" != 0 ] || fail "the VM started with 12 tasks of room: $(cat "$WORK/out")"
expect_output "$WORK/out" '^Failed to create [a-z ]*thread'
expect verdict=cgroup_pids_limit family=denial call=pthread_create errno=EAGAIN confidence=high \
	binding="/forkexplain-field17-beam-$$" evidence='the failing process is the Erlang VM' \
	advice='`ERL_FLAGS="+S 1:1' advice='RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS' not_advice='for a leak' \
	not_family=oom rec.process.comm=beam.smp
explain_reads "$(grep -m1 '^Failed to create' "$WORK/out")" 'the Erlang VM (BEAM)' cgroup_pids_limit \
	'EAGAIN while creating a thread' 'RABBITMQ_IO_THREAD_POOL_SIZE=128' '\+S N:N'
explain_reads 'Failed to create thread: Resource temporarily unavailable (11)' 'the Erlang VM (BEAM)' \
	cgroup_pids_limit 'EAGAIN while creating a thread'
explain_reads '/usr/lib/erlang/erts-13.1.5/bin/inet_gethost[10690]: WARNING:Unable to create worker process, insufficient resources' \
	'the Erlang VM (inet_gethost)' cgroup_pids_limit 'EAGAIN while creating a process'

# The advised flags, under the same limit.
fix=$(advised cgroup_pids_limit 'ERL_FLAGS="[^"]*"')
flags=${fix#ERL_FLAGS=\"}
flags=${flags%\"}
beam "$flags" "$WORK/fixed.out"
[ "$PROGRAM_STATUS" = 0 ] && grep -q '^started 1$' "$WORK/fixed.out" ||
	fail "the VM did not start with the advised $fix (status $PROGRAM_STATUS): $(cat "$WORK/fixed.out")"
echo "ok: the Erlang VM aborted with 12 tasks of room; the advised $fix let it start under the same limit"
