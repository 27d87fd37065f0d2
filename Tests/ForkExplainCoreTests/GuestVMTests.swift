import XCTest

@testable import ForkExplainCore

/// A record taken in a VM or sandbox names where the VM's memory and task
/// limits are set, and a record of an ordinary kernel does not
/// (docs/kernel-facts.md §11.160–§11.162). The kernel releases are those
/// the platforms print: WSL 2's `5.15.133.1-microsoft-standard-WSL2` and
/// `4.19.104-microsoft-standard`, WSL 1's `4.4.0-18362-Microsoft`, Docker
/// Desktop's `6.10.14-linuxkit`, gVisor's `4.4.0` and `4.19.0-gvisor`.
final class GuestVMTests: XCTestCase {
    private let classifier = Classifier()

    /// A fork refused with RAM and swap used up (memory_exhausted), or with
    /// the tasks at threads-max, on the given kernel and host name.
    private func record(
        kernel: String, host: String = "DESKTOP-7Q2", full: String = "memory", docker: Bool = false
    ) throws -> LogRecord {
        let call =
            full == "memory"
            ? #"{"name":"fork","errno":12,"errno_name":"ENOMEM"}"#
            : #"{"name":"fork","errno":11,"errno_name":"EAGAIN"}"#
        let tasks = full == "threads" ? 63_000 : 900
        // Only a record of a refused memory allocation is short of it.
        let (available, swapFree) = full == "memory" ? (90_000, 0) : (5_000_000, 2_000_000)
        let container =
            docker
            ? #""container":{"cgroup_ns":4026532302,"in_cgroup_namespace":true,"markers":["/.dockerenv"]},"#
            : #""container":{"cgroup_ns":4026531835,"in_cgroup_namespace":false},"#
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-29T15:00:00.000Z","host":"\(host)","kernel":"\(kernel)","glibc":"2.39","arch":"x86_64",
             "process":{"pid":4242,"tid":4242,"ppid":1,"uid":1000,"euid":1000,"comm":"make"},
             "call":\(call),
             "pid":{"pid_max":4194304,"threads_max":63000,"host_tasks":\(tasks)},\(container)
             "memory":{"mem_total_kb":8039000,"mem_free_kb":60000,"mem_available_kb":\(available),"swap_total_kb":2097148,"swap_free_kb":\(swapFree),"overcommit_memory":0,"vm_data_kb":50000}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testWSL2MemoryExhaustedPointsAtWslconfig() throws {
        for kernel in ["5.15.133.1-microsoft-standard-WSL2", "4.19.104-microsoft-standard"] {
            let verdict = classifier.classify(try record(kernel: kernel))
            XCTAssertEqual(verdict.id, .memoryExhausted, kernel)
            XCTAssertTrue(verdict.evidence.contains { $0.contains("kernel \(kernel) is Microsoft's WSL 2 kernel") })
            XCTAssertTrue(verdict.advice[1].contains("%UserProfile%\\.wslconfig"), verdict.advice[1])
            XCTAssertTrue(verdict.advice[1].contains("`wsl --shutdown`"))
            XCTAssertFalse(verdict.advice[1].contains("Docker Desktop"))
        }
    }

    func testWSL2ContainerNamesDockerDesktopsBackend() throws {
        let verdict = classifier.classify(
            try record(kernel: "5.15.133.1-microsoft-standard-WSL2", docker: true))
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertTrue(verdict.advice.contains { $0.contains("Docker Desktop's WSL 2 backend") })
    }

    func testThreadsMaxInWSL2SaysHowLongASysctlLasts() throws {
        let verdict = classifier.classify(
            try record(kernel: "5.15.133.1-microsoft-standard-WSL2", full: "threads"))
        XCTAssertEqual(verdict.id, .threadsMax)
        let last = try XCTUnwrap(verdict.advice.last)
        XCTAssertTrue(last.contains("/etc/wsl.conf"), last)
        XCTAssertTrue(last.contains("`wsl --shutdown`"))
    }

    func testLinuxKitPointsAtDockerDesktopsResources() throws {
        let verdict = classifier.classify(try record(kernel: "6.10.14-linuxkit", docker: true))
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertTrue(verdict.advice[1].contains("Settings → Resources → Advanced"), verdict.advice[1])
        let threads = classifier.classify(try record(kernel: "6.10.14-linuxkit", full: "threads", docker: true))
        XCTAssertTrue(threads.advice.contains { $0.contains("LinuxKit VM's") })
    }

    func testGVisorSaysItsNumbersAreTheSentrys() throws {
        for kernel in ["4.4.0", "4.19.0-gvisor"] {
            let verdict = classifier.classify(try record(kernel: kernel, host: "runsc"))
            XCTAssertTrue(verdict.evidence.contains { $0.contains("gVisor's sentry") }, kernel)
        }
        // A real 4.4 kernel has a suffix.
        let ubuntu = classifier.classify(try record(kernel: "4.4.0-21-generic"))
        XCTAssertFalse(ubuntu.evidence.contains { $0.contains("gVisor") })
    }

    /// gVisor's sentry numbers tasks 1–65,536 per PID namespace and refuses
    /// past that with EAGAIN (task_start.go allocateTID); it enforces
    /// RLIMIT_NPROC itself; the host's pids limit kills the sandbox instead
    /// of failing a fork (docs/kernel-facts.md §11.187).
    func testGVisorEAGAINNamesTheSentrysOwnTaskLimits() throws {
        let verdict = classifier.classify(try record(kernel: "4.19.0-gvisor", host: "runsc", full: "none"))
        XCTAssertEqual(verdict.id, .unexplained)
        let limits = try XCTUnwrap(verdict.advice.first { $0.contains("1 to 65,536 in each PID namespace") })
        XCTAssertTrue(limits.contains("pthread_create get EAGAIN"), limits)
        XCTAssertTrue(limits.contains("enforces RLIMIT_NPROC itself"), limits)
        XCTAssertTrue(limits.contains("failed to create new OS thread"), limits)
        XCTAssertEqual(verdict.advice.filter { $0.contains("1 to 65,536") }.count, 1)
        XCTAssertFalse(verdict.evidence.contains { $0.contains("the limits that refuse are set outside") })
        // The explain note no longer says `ulimit` inside tells nothing.
        let note = try XCTUnwrap(
            Explainer.explain("runsc: fork: Resource temporarily unavailable").message.notes.first {
                $0.contains("gVisor")
            })
        XCTAssertTrue(note.contains("1 to 65,536 in each PID namespace"), note)
        XCTAssertFalse(note.contains("free/top/ulimit"), note)
    }

    func testWSL1SaysNoLinuxLimitRefused() throws {
        let verdict = classifier.classify(try record(kernel: "4.4.0-18362-Microsoft", full: "none"))
        XCTAssertTrue(verdict.evidence.contains { $0.contains("WSL 1's") })
    }

    func testAnOrdinaryKernelGetsNoVMNote() throws {
        let verdict = classifier.classify(try record(kernel: "6.8.0-45-generic"))
        XCTAssertEqual(verdict.id, .memoryExhausted)
        XCTAssertFalse(verdict.advice.contains { $0.contains("wslconfig") || $0.contains("Docker Desktop") })
        XCTAssertNil(GuestVM.of(kernel: "6.8.0-45-generic", host: "web1", contained: false))
    }

    func testColimaOnlyByItsOwnHostNameOutsideAContainer() {
        XCTAssertEqual(GuestVM.of(kernel: "6.8.0-45-generic", host: "colima", contained: false)?.platform, .colima)
        XCTAssertEqual(
            GuestVM.of(kernel: "6.8.0-45-generic", host: "colima-work", contained: false)?.platform, .colima)
        XCTAssertNil(GuestVM.of(kernel: "6.8.0-45-generic", host: "colima", contained: true))
        XCTAssertNil(GuestVM.of(kernel: "6.8.0-45-generic", host: "colimador", contained: false))
    }

    /// Lima's VM, lima-INSTANCE, and Rancher Desktop's, by host name on
    /// the VM itself (§11.203); a container there has its own host name.
    func testLimaAndRancherDesktopByTheirHostNamesOutsideAContainer() throws {
        let lima = try XCTUnwrap(GuestVM.of(kernel: "6.8.0-45-generic", host: "lima-dev", contained: false))
        XCTAssertEqual(lima.platform, .lima)
        XCTAssertTrue(lima.memoryFix.contains("`limactl edit dev`"), lima.memoryFix)
        XCTAssertEqual(
            GuestVM.of(kernel: "6.6.14-0-virt", host: "lima-rancher-desktop", contained: false)?.platform,
            .rancherDesktop)
        XCTAssertNil(GuestVM.of(kernel: "6.8.0-45-generic", host: "lima-dev", contained: true))
        XCTAssertNil(GuestVM.of(kernel: "6.8.0-45-generic", host: "lima-", contained: false))
        XCTAssertNil(GuestVM.of(kernel: "6.8.0-45-generic", host: "limassol", contained: false))
        let verdict = classifier.classify(try record(kernel: "6.8.0-45-generic", host: "lima-default"))
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("`memory:` in the instance's lima.yaml") }, "\(verdict.advice)")
    }

    func testCheckNamesTheVMInTextAndJSON() throws {
        let report = CheckReport(record: try record(kernel: "5.15.133.1-microsoft-standard-WSL2"))
        XCTAssertEqual(report.guest?.platform, .wsl2)
        let text = CheckTextRenderer().render(report)
        XCTAssertTrue(
            text.contains("  --   kernel 5.15.133.1-microsoft-standard-WSL2 is Microsoft's WSL 2 kernel"), text)
        XCTAssertTrue(text.contains("%UserProfile%\\.wslconfig"))
        let json = try CheckJSONRenderer().render(report)
        XCTAssertTrue(json.contains("\"platform\" : \"wsl2\""), json)
        let plain = CheckReport(record: try record(kernel: "6.8.0-45-generic"))
        XCTAssertNil(plain.guest)
        XCTAssertFalse(try CheckJSONRenderer().render(plain).contains("\"vm\""))
    }

    func testExplainNamesTheVMFromItsKernelOrName() {
        func notes(_ text: String) -> [String] { Explainer.explain(text).message.notes }
        XCTAssertTrue(
            notes("bash: fork: Cannot allocate memory\nLinux pc 5.15.133.1-microsoft-standard-WSL2")
                .contains { $0.contains(".wslconfig") })
        XCTAssertTrue(
            notes("fork/exec /bin/sh: resource temporarily unavailable (6.10.14-linuxkit)")
                .contains { $0.contains("Settings → Resources → Advanced") })
        XCTAssertTrue(notes("runsc: fork: Cannot allocate memory").contains { $0.contains("gVisor") })
        for (text, says) in [
            ("colima: fork: Resource temporarily unavailable", "colima start --memory"),
            ("Rancher Desktop: fork: Resource temporarily unavailable", "Preferences → Virtual Machine"),
            ("podman machine: fork: Cannot allocate memory", "podman machine set --memory"),
            ("containerd-shim-kata-v2: fork: Cannot allocate memory", "default_memory"),
        ] {
            XCTAssertTrue(notes(text).contains { $0.contains(says) }, text)
        }
        XCTAssertTrue(notes("bash: fork: Cannot allocate memory").allSatisfy { !$0.contains("VM") })
    }

    /// Node's stack names `runScript`, which holds `runsc`: scenario 221's
    /// inotify ENOSPC was read as gVisor's until markers were whole words.
    func testAVMsNameInsideAnotherWordIsNotTheVM() {
        let node =
            "Error: ENOSPC: System limit for number of file watchers reached, watch '/tmp/w/9'\n"
            + "    at runScriptInThisContext (node:internal/vm:209:10)"
        XCTAssertTrue(Explainer.explain(node).message.notes.allSatisfy { !$0.contains("gVisor") })
        XCTAssertTrue(HostingHint.containsWord("runsc", in: "exec runsc: fork failed"))
        XCTAssertTrue(HostingHint.containsWord("linuxkit", in: "6.10.14-linuxkit"))
        XCTAssertTrue(HostingHint.containsWord("-microsoft-standard", in: "5.15.133.1-microsoft-standard-wsl2"))
        XCTAssertFalse(HostingHint.containsWord("runsc", in: "runscript"))
        XCTAssertFalse(HostingHint.containsWord("colima", in: "xcolima"))
        XCTAssertTrue(HostingHint.containsWord("colima", in: "xcolima colima"))
    }

    /// A thread refused with the uid's tasks at RLIMIT_NPROC, by the given program.
    private func nprocRecord(exe: String) throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-29T15:00:00.000Z","host":"169.254.12.5","kernel":"5.10.227-239.884.amzn2.x86_64","glibc":"2.34","arch":"x86_64",
             "process":{"pid":8,"tid":8,"ppid":1,"uid":993,"euid":993,"comm":"python3","exe":"\(exe)"},
             "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":4194304,"threads_max":30000,"host_tasks":1030},
             "limits":{"nproc":{"soft":1024,"hard":1024},"uid_tasks":1024}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testALambdaRuntimesRecordNamesTheQuotaBesideItsLimit() throws {
        let verdict = classifier.classify(try nprocRecord(exe: "/var/lang/bin/python3.12"))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("AWS Lambda execution environment") })
        XCTAssertTrue(verdict.advice.last?.contains("cannot be increased") == true, "\(verdict.advice)")
        let elsewhere = classifier.classify(try nprocRecord(exe: "/usr/bin/python3.12"))
        XCTAssertFalse(elsewhere.evidence.contains { $0.contains("Lambda") })
        XCTAssertFalse(elsewhere.advice.contains { $0.contains("Lambda") })
    }

    func testCheckInGVisorIsUnknownBelowCriticalNeverOK() throws {
        let report = CheckReport(record: try record(kernel: "4.4.0", host: "runsc", full: "none"))
        XCTAssertEqual(report.level, .unknown)
        XCTAssertEqual(report.exitStatus, 3)
        XCTAssertTrue(CheckPluginLine.line(report).contains("the figures read are not the ones that refuse"))
        let preflight = CheckReport(
            record: try record(kernel: "4.4.0", host: "runsc", full: "none"),
            preflight: Preflight(kind: .threads, needed: 10))
        XCTAssertEqual(preflight.outcome, .unknown)
        // WSL 2's figures are the VM kernel's own: its status stands.
        let wsl2 = CheckReport(record: try record(kernel: "5.15.133.1-microsoft-standard-WSL2", full: "none"))
        XCTAssertNotEqual(wsl2.level, .unknown)
    }

    func testTheWorkloadNamesTheVMInTextAndJSON() throws {
        let identity = ContainerIdentity(record: try record(kernel: "5.15.79.1-microsoft-standard-WSL2"))
        XCTAssertEqual(identity.vm, .wsl2)
        XCTAssertTrue(identity.summary?.hasPrefix("in the WSL 2 VM") == true, identity.summary ?? "nil")
        let json = String(decoding: try JSONEncoder().encode(identity), as: UTF8.self)
        XCTAssertTrue(json.contains(#""vm":"wsl2""#), json)
        let plain = ContainerIdentity(record: try record(kernel: "6.8.0-45-generic"))
        XCTAssertNil(plain.vm)
        XCTAssertFalse(String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains(#""vm""#))
    }
}
