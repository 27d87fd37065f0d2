import XCTest

@testable import ForkExplainCore

/// What the twenty-first field audit added (scenario 210): an execve
/// refused after a uid change, RLIMIT_NPROC values pasted beside an error,
/// runc's fork into a container's PID namespace, and a Heroku dyno's log
/// (docs/kernel-facts.md §11.102–§11.104, §11.81). Each text is a public
/// thread's, verbatim.
final class FieldTwentyOneRuleTests: XCTestCase {
    let exec = "an exec after a uid change (runc, su, sudo, setpriv, runguard)"

    private func causes(_ text: String) -> [String] {
        Explainer.explain(text).causes.map(\.id)
    }

    /// https://github.com/glotcode/docker-run/issues/6: the container's
    /// process never started under `Ulimits: nproc` soft 200 and ran once
    /// the nproc limit was removed.
    func testRuncsRefusedExecIsTheUidsNPROC() {
        let text = """
            exec /nix/store/mv32i0sb8sjpxlzj0p0dmx5sphy2arbw-rust_code-runner-1.2.0/bin/code-runner: resource temporarily unavailable
                        "Ulimits": [
                            {
                                "Name": "nofile",
                                "Hard": 100,
                                "Soft": 90
                            },
                            {
                                "Name": "nproc",
                                "Hard": 100000,
                                "Soft": 200
                            }
                        ],
            """
        assertExplains(
            text, program: exec, kind: .process, errno: "EAGAIN", first: "rlimit_nproc", says: "PF_NPROC_EXCEEDED")
        assertExplains(
            text, program: exec, kind: .process, errno: "EAGAIN", first: "rlimit_nproc",
            says: "soft limit to 200")
        assertExplains(
            text, program: exec, kind: .process, errno: "EAGAIN", first: "rlimit_nproc",
            says: "raise or drop the nproc limit")
        // An exec makes no task: no task limit is a cause.
        XCTAssertEqual(causes(text), ["rlimit_nproc"])
    }

    /// https://github.com/datalens-tech/datalens/issues/324 (a healthcheck's
    /// `docker exec`, every 5 s) and Docker's wrapping of the same line.
    func testAHealthchecksRefusedExec() {
        assertExplains(
            "exec /etc/temporal/healthcheck.sh: resource temporarily unavailable", program: exec, kind: .process,
            errno: "EAGAIN", first: "rlimit_nproc", says: "a uid nothing else on the host uses")
        let message = Explainer.explain("exec /etc/temporal/healthcheck.sh: resource temporarily unavailable").message
        XCTAssertTrue(message.failedCall?.contains("execve") ?? false, "\(String(describing: message.failedCall))")
        XCTAssertTrue(message.unrecorded?.contains("an exec creates none") ?? false)
        XCTAssertEqual(
            causes(
                "OCI runtime exec failed: exec failed: unable to start container process: exec /etc/temporal/healthcheck.sh: resource temporarily unavailable: unknown"
            ), ["rlimit_nproc"])
    }

    /// https://github.com/jdeathe/centos-ssh-apache-php/issues/88 (`su
    /// apache` under the image's nproc 30:50, raised to fix it) and
    /// https://github.com/trampgeek/jobe/issues/56 (runguard starting a
    /// submission as a jobe user, fixed by a higher process limit).
    func testSuAndRunguardExecsNameTheUidsLimit() {
        assertExplains(
            "# su app-www -s /bin/bash\nsu: /bin/bash: Resource temporarily unavailable", program: exec,
            kind: .process, errno: "EAGAIN", first: "rlimit_nproc", says: "su, sudo, setpriv")
        assertExplains(
            "/var/www/html/jobe/application/libraries/../../runguard/runguard: cannot start `sh': Resource temporarily unavailable\nTry `/var/www/html/jobe/application/libraries/../../runguard/runguard --help' for more information.",
            program: exec, kind: .process, errno: "EAGAIN", first: "rlimit_nproc", says: "runguard")
        // The same words with another errno are not the rule's.
        XCTAssertNotEqual(
            Explainer.explain("su: /bin/bash: No such file or directory").message.program, exec)
        XCTAssertNotEqual(
            Explainer.explain("fork/exec /usr/bin/nice: resource temporarily unavailable").message.program, exec)
    }

    /// https://github.com/opencontainers/runc/issues/831: OCI rlimits soft
    /// 192 in a user-namespaced container; 199 started it.
    func testPrintedOCIRlimitPutsNPROCFirst() {
        let explanation = Explainer.explain(
            """
            "rlimits": [
                                    {
                                            "type": "RLIMIT_NPROC",
                                            "hard": 1024,
                                            "soft": 192
                                    }
            Not able to start the container because of fork failure. Not  sure why even for 192, container failed to start
            bash: fork: Resource temporarily unavailable
            """)
        XCTAssertEqual(explanation.message.kind, .process)
        XCTAssertEqual(explanation.errnos.first, "EAGAIN")
        XCTAssertEqual(explanation.causes.map(\.id).prefix(2), ["rlimit_nproc", "cgroup_pids_limit"])
        XCTAssertTrue(
            explanation.message.notes.contains { $0.contains("soft limit to 192") && $0.contains("other containers") },
            "\(explanation.message.notes)")
    }

    /// limits.conf, `--ulimit`, and `ulimit -a` as pasted; unlimited rules
    /// it out (hestiacp/hestiacp#2172 pasted a finite, large one).
    func testOtherPrintedNPROCForms() {
        XCTAssertEqual(PrintedNPROC.soft(in: "*          soft    nproc     4096"), "4096")
        XCTAssertEqual(PrintedNPROC.soft(in: "apache - nproc 50"), "50")
        XCTAssertNil(PrintedNPROC.soft(in: "apache hard nproc 50"))
        XCTAssertEqual(PrintedNPROC.soft(in: "docker run -d -u daemon --ulimit nproc=3 busybox top"), "3")
        XCTAssertEqual(PrintedNPROC.soft(in: "max user processes                  (-u) 127855"), "127855")
        XCTAssertNil(PrintedNPROC.soft(in: "runtime: may need to increase max user processes (ulimit -u)"))
        let hestia = causes(
            "max user processes                  (-u) 127855\n fork: retry: Resource temporarily unavailable")
        XCTAssertEqual(hestia.first, "cgroup_pids_limit")
        let unlimited = causes(
            "max user processes              (-u) unlimited\njava.lang.OutOfMemoryError: unable to create new native thread"
        )
        XCTAssertFalse(unlimited.contains("rlimit_nproc"), "\(unlimited)")
    }

    /// https://github.com/moby/moby/issues/23342: `docker exec` into one
    /// container fails with ENOMEM while another's works and MemAvailable
    /// is 3.5 GB: not the host's memory or PID numbers, which every
    /// container would hit.
    func testNsenterForkENOMEMIsTheContainersLostInit() {
        assertExplains(
            "root@myserver:~# docker exec jenkinsci_server01_1 ls\nnsenter: Unable to fork: Cannot allocate memory",
            program: "runc (nsexec, entering a container)", kind: .process, errno: "ENOMEM",
            first: "pidns_init_dead", says: "restart the container")
    }

    /// https://github.com/puppeteer/puppeteer/issues/3219: Chrome on a
    /// Heroku dyno, whose limit is the dyno type's process count.
    func testAHerokuLogNamesTheDynosCount() {
        assertExplains(
            """
            2018-09-08T08:01:38.485491+00:00 app[web.1]: Error: Failed to launch chrome!
            2018-09-08T08:01:38.485511+00:00 app[web.1]: [0908/080137.570259:ERROR:platform_thread_posix.cc(124)] pthread_create: Resource temporarily unavailable (11)
            2018-09-08T08:01:38.485514+00:00 app[web.1]: [0908/080137.570490:FATAL:browser_process_sub_thread.cc(92)] Failed to start BrowserThread:IO
            """, program: "Chrome / Chromium", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit",
            says: "256 on Eco, Basic and Standard-1X")
        XCTAssertFalse(
            Explainer.explain("pthread_create: Resource temporarily unavailable (11)").message.notes.contains {
                $0.contains("Heroku")
            })
    }

    /// https://github.com/JuliaLang/julia/issues/38550 (CI in Docker;
    /// threads-max and pid_max high, the Docker pid limit raised) and
    /// https://github.com/jberet/jsr352/issues/17 (fixed by `ulimit -u 2048`):
    /// a task limit first, the uid's next, with no numbers to say more.
    func testUnnumberedRefusalsKeepTheTaskLimitsFirst() {
        let julia = causes(
            """
            fork: Resource temporarily unavailable
            ubuntu@aarch64bot1:~$ cat /proc/sys/kernel/threads-max
            2057599
            ubuntu@aarch64bot1:~$ cat /proc/sys/kernel/pid_max
            4194304
            """)
        XCTAssertEqual(julia.first, "cgroup_pids_limit")
        let jberet = Explainer.explain("OutOfMemoryError: unable to create new native thread")
        XCTAssertEqual(jberet.message.program, "the JVM (HotSpot)")
        XCTAssertEqual(Array(jberet.causes.map(\.id).prefix(2)), ["cgroup_pids_limit", "rlimit_nproc"])
    }

    /// https://github.com/jayleicn/ClipBERT/issues/32 (the user's 30000+
    /// tasks; fewer DataLoader workers fixed it) and
    /// https://github.com/galaxyproject/cloudman/issues/94 (fixed by Docker's
    /// unit TasksMax=): Go's cgo line, a task limit first, the uid's next.
    func testCgoThreadRefusalKeepsBothTaskLimitsFirst() {
        let explanation = Explainer.explain("runtime/cgo: pthread_create failed: Resource temporarily unavailable")
        XCTAssertEqual(explanation.message.program, "Go (cgo)")
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertEqual(Array(explanation.causes.map(\.id).prefix(2)), ["cgroup_pids_limit", "rlimit_nproc"])
    }

    /// https://github.com/kubernetes/ingress-nginx/issues/6141: nginx's
    /// thread and its worker's fork refused together.
    func testNginxThreadAndWorkerForkRefusedTogether() {
        let explanation = Explainer.explain(
            """
            2020/09/08 14:03:52 [alert] 1110#1110: pthread_create() failed (11: Resource temporarily unavailable)
            2020/09/08 14:03:52 [alert] 41#41: fork() failed while spawning "worker process" (11: Resource temporarily unavailable)
            """)
        XCTAssertEqual(explanation.errnos.first, "EAGAIN")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
        XCTAssertEqual(explanation.message.excerpt.used.count, 2)
    }
}
