# Ruby workers on Heroku: resque workers run 10 to 30 minutes, then
# "fork_exec_process.rb:20: warning: pthread_create failed for timer:
# Resource temporarily unavailable, scheduling broken" at a Kernel.fork,
# and more RAM or fewer workers did not help
# (https://github.com/enkessler/childprocess/issues/153); a worker dyno's
# "can't create Thread: Resource temporarily unavailable"
# (https://github.com/apache/predictionio-sdk-ruby/issues/18). A dyno
# holds 256 processes and threads together on Eco, Basic and Standard-1X,
# 512 on Standard-2X (docs/kernel-facts.md §11.81); Ruby before 2.6 starts
# a timer thread in the child after every fork, so the warning says the
# fork worked and the child's first thread was refused. No machine state
# of a dyno was published, so this checks what `explain` makes of the two
# lines: main's forkexplain did not know Ruby printed them, nor that the
# fork had succeeded, nor the dyno's count.
. "$(dirname "$0")/lib.sh"
explain_reads '2019-06-26T02:17:54.776136+00:00 app[worker_2.1]: /app/vendor/bundle/ruby/2.5.0/gems/childprocess-0.9.0/lib/childprocess/unix/fork_exec_process.rb:20: warning: pthread_create failed for timer: Resource temporarily unavailable, scheduling broken' \
	'Ruby (MRI)' cgroup_pids_limit 'EAGAIN while creating a thread' 'the fork worked' \
	"the child's first thread was refused" '256 on Eco, Basic and Standard-1X'
explain_reads '2016-04-26T12:06:38.359946+00:00 app[worker.1]: JS-INFO 70034732391260: event-dispatcher-4: can'"'"'t create Thread: Resource temporarily unavailable' \
	'Ruby (MRI)' cgroup_pids_limit 'EAGAIN while creating a thread' 'ThreadError' '512'
echo "ok: explain names Ruby's timer thread after fork and ThreadError, and a dyno's count of processes and threads"
