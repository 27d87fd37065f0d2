/// Hosted platforms whose task quota the user can neither see nor raise,
/// named from what their logs and paths print (docs/kernel-facts.md
/// §11.116, §11.117).
extension HostingHint {
    /// AWS Lambda: its function code lives in /var/task (LAMBDA_TASK_ROOT)
    /// and its managed runtimes in /var/lang, both in every traceback; its
    /// log lines are `START RequestId:` and `REPORT RequestId:`, a crash
    /// `Runtime.ExitError`, and its reserved variables `AWS_LAMBDA_*`. The
    /// layers' /opt is left out: every distribution has one.
    /// `aws_lambda_function_name` rather than `aws_lambda_`, which
    /// Terraform's resource names (`aws_lambda_function`) also print.
    static let awsLambda = HostingHint(
        markers: [
            "/var/task/", "/var/lang/", "start requestid:", "report requestid:", "runtime.exiterror",
            "aws_lambda_function_name",
        ],
        note:
            "The text comes from AWS Lambda (/var/task is its function code, /var/lang its runtime, `START`/`REPORT RequestId:` its log lines): an execution environment holds at most 1,024 processes and threads together whatever its memory setting, a quota AWS lists among those that cannot be increased. Lambda freezes the environment between invocations and reuses it, so threads an invocation started and left running (a timer per request, an SDK's background sender, a browser never closed) are still there in the next one, and the count climbs across invocations until a start fails. Join or cancel what an invocation starts before it returns, bound the pools (`max_workers`, one browser reused or closed per request), or move the work to a service without the quota (ECS, EC2). A local emulator (`sam local`, the runtime interface emulator) prints the same lines without the quota (docs/kernel-facts.md §11.116).",
        firstCauses: [])

    /// CircleCI: `$BASH_ENV` is a /tmp/.bash_env-… file sourced before
    /// every step, and /home/circleci the home of its images; both appear
    /// in a fork's `retry` lines.
    static let circleCIDocker = HostingHint(
        markers: ["/tmp/.bash_env-", "/home/circleci/"],
        note:
            "The text comes from a CircleCI job (`/tmp/.bash_env-…` is its $BASH_ENV, /home/circleci its images' home). A Docker executor job runs in a container with a process (PID) limit that CircleCI does not publish and the job's Resources tab does not show (it graphs CPU and memory only), so the job fails with memory free. A common way there: a command substitution written into $BASH_ENV in single quotes (`echo 'export V=\"$(cmd)\"' >> $BASH_ENV`) runs again at every step and subshell that sources it, and the copies pile up; write the value instead (double quotes, evaluated once). Otherwise lower the job's parallelism (`make -j`, test workers) (docs/kernel-facts.md §11.117).",
        firstCauses: ["cgroup_pids_limit"])
}
