import XCTest

@testable import ForkExplainCore

/// What the twelfth field audit added (scenarios 161–162): RLIMIT_NPROC of
/// a uid that containers run as too (limits.uid_tasks_other_pidns,
/// docs/kernel-facts.md §11.61), and a thread's EPERM from a seccomp filter
/// outside any container, a systemd unit's `SystemCallFilter=`, told apart
/// by process.seccomp (§11.62).
final class FieldTwelveRuleTests: XCTestCase {
    let classifier = Classifier()

    private func caddy(otherPidns: Int?, pidNs: Int = 4026531836) throws -> LogRecord {
        let other = otherPidns.map { ",\"uid_tasks_other_pidns\":\($0)" } ?? ""
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-27T18:30:00.000Z","host":"www","kernel":"6.1.0-13-amd64","glibc":"2.36","arch":"x86_64",
             "process":{"pid":812,"tid":812,"ppid":1,"uid":999,"euid":999,"comm":"caddy"},
             "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":4194304,"threads_max":126980,"host_tasks":1240,"pid_ns":\(pidNs),"pid_for_children_ns":\(pidNs),"nspid":[812]},
             "limits":{"nproc":{"soft":512,"hard":512},"uid_tasks":512\(other)},
             "container":{"cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]]},
             "memory":{"mem_total_kb":16250000,"mem_available_kb":9800000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testContainersOfTheSameUidAreNamedWithTheirFix() throws {
        let verdict = classifier.classify(try caddy(otherPidns: 504))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("504 of uid 999's 512 tasks are in other PID namespaces") })
        XCTAssertTrue(verdict.advice[0].contains("Containers run as uid 999 too"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[1].contains("`TasksMax=`"), "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("Or run the workload under its own uid") })
    }

    func testNoContainersOfTheUidNoContainerAdvice() throws {
        for record in [try caddy(otherPidns: 0), try caddy(otherPidns: nil)] {
            let verdict = classifier.classify(record)
            XCTAssertEqual(verdict.id, .rlimitNPROC)
            XCTAssertFalse(verdict.advice.contains { $0.contains("Containers run as") })
            XCTAssertTrue(verdict.advice.contains { $0.contains("Or run the workload under its own uid") })
        }
    }

    private func doh(seccomp: Int?, contained: Bool = false) throws -> LogRecord {
        let filter = seccomp.map { ",\"seccomp\":\($0)" } ?? ""
        // A docker container: its own cgroup namespace, /.dockerenv.
        let markers = contained ? "[\"/.dockerenv\"]" : "[]"
        let cgroupNs = contained ? 4026532600 : 4026531835
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-27T18:30:00.000Z","host":"linux-pc","kernel":"5.19.13-arch1-1","glibc":"2.36","arch":"x86_64",
             "process":{"pid":25424,"tid":25424,"ppid":1,"uid":0,"euid":0,"comm":"doh-client"\(filter)},
             "call":{"name":"pthread_create","errno":1,"errno_name":"EPERM"},
             "limits":{"nproc":{"soft":63250,"hard":63250},"nproc_exempt":"root","uid_tasks":120},
             "container":{"cgroup_ns":\(cgroupNs),"user_ns":4026531837,"uid_map":[[0,0,4294967295]],"markers":\(markers)},
             "cgroups":{"pids":[{"version":2,"path":"/system.slice/doh-client.service","dir":"/sys/fs/cgroup/system.slice/doh-client.service","max":18975,"current":1,"events_max":0},
                                {"version":2,"path":"/system.slice","dir":"/sys/fs/cgroup/system.slice","max":"max","current":96,"events_max":0},
                                {"version":2,"path":"/","dir":"/sys/fs/cgroup"}],
                        "pids_mount":{"version":2,"mount":"/sys/fs/cgroup","root":"/"}},
             "memory":{"mem_total_kb":16200000,"mem_available_kb":11600000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testAUnitsSyscallFilterIsNamedOutsideContainers() throws {
        let verdict = classifier.classify(try doh(seccomp: 2))
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertTrue(verdict.bindingLimit.name.contains("`SystemCallFilter=` of doh-client.service"))
        XCTAssertTrue(verdict.evidence.contains { $0.contains("Seccomp: 2") })
        XCTAssertTrue(verdict.advice[0].contains("`SystemCallFilter=clone3`"), "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("--security-opt") })
    }

    func testNoFilterRulesSeccompOut() throws {
        let verdict = classifier.classify(try doh(seccomp: 0))
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertEqual(verdict.confidence, .low)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("Seccomp: 0") })
        XCTAssertFalse(verdict.advice.contains { $0.contains("clone3") })
    }

    func testAContainersProfileIsStillTheRuntimes() throws {
        let verdict = classifier.classify(try doh(seccomp: 2, contained: true))
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        XCTAssertTrue(verdict.advice[0].contains("container runtime's seccomp profile"), "\(verdict.advice)")
    }
}
