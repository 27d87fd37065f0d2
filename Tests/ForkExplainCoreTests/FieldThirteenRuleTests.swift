import XCTest

@testable import ForkExplainCore

/// What the thirteenth field audit added (scenarios 170–172): the unit whose
/// `LimitNPROC=` set the limit (docs/kernel-facts.md §11.63), a process whose
/// own threads are the uid's count (§11.64), and root of an OpenVZ
/// container, which RLIMIT_NPROC binds (§11.65).
final class FieldThirteenRuleTests: XCTestCase {
    let classifier = Classifier()

    /// vaultwarden as a host's unit (or a user manager's, `path`), holding
    /// `own` of the uid's 64 tasks.
    private func vaultwarden(own: Int, path: String = "/system.slice/vaultwarden.service") throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-27T18:30:00.000Z","host":"vault","kernel":"6.1.0-13-amd64","glibc":"2.36","arch":"x86_64",
             "process":{"pid":700,"tid":700,"ppid":1,"uid":998,"euid":998,"comm":"vaultwarden"},
             "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":4194304,"threads_max":126980,"host_tasks":900,"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[700]},
             "limits":{"nproc":{"soft":64,"hard":64},"uid_tasks":64},
             "container":{"cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]],"markers":[]},
             "cgroups":{"pids":[{"version":2,"path":"\(path)","dir":"/sys/fs/cgroup\(path)","max":19047,"current":\(own),"events_max":0},
                                {"version":2,"path":"/","dir":"/sys/fs/cgroup"}],
                        "pids_mount":{"version":2,"mount":"/sys/fs/cgroup","root":"/"}},
             "top":{"complete":true,"holders":[{"pid":700,"comm":"vaultwarden","uid":998,"threads":\(own)},
                                               {"pid":710,"comm":"sleep","uid":998,"threads":1}]},
             "memory":{"mem_total_kb":16250000,"mem_available_kb":9800000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testOwnThreadsLeadWithThePoolAndTheUnit() throws {
        let verdict = classifier.classify(try vaultwarden(own: 63))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("this process alone holds 63 of uid 998's 64 tasks") })
        XCTAssertTrue(verdict.advice[0].contains("`TOKIO_WORKER_THREADS=N`"), "\(verdict.advice)")
        XCTAssertTrue(
            verdict.advice[1].contains("`systemctl edit vaultwarden.service`, add `[Service]` `LimitNPROC=256`"),
            "\(verdict.advice)")
        XCTAssertFalse(verdict.advice[1].contains("inside the container"))
        XCTAssertFalse(verdict.advice.contains { $0.contains("Or run the workload under its own uid") })
    }

    func testOthersOfTheUidAreNotTheProcesssOwn() throws {
        let verdict = classifier.classify(try vaultwarden(own: 20))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertFalse(verdict.evidence.contains { $0.contains("this process alone holds") })
        XCTAssertTrue(verdict.advice.contains { $0.contains("Or run the workload under its own uid") })
        XCTAssertTrue(verdict.advice[0].contains("`LimitNPROC=256`"), "\(verdict.advice)")
    }

    func testAUserUnitIsEditedWithSystemctlUser() throws {
        let record = try vaultwarden(
            own: 63, path: "/user.slice/user-998.slice/user@998.service/app.slice/vaultwarden.service")
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(
            verdict.advice.contains { $0.contains("`systemctl --user edit vaultwarden.service`") }, "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("`systemctl edit vaultwarden.service`") })
    }

    /// Root of OpenVZ container `ctid` (0: the host), not exempt by uid.
    private func openvzRoot(ctid: Int) throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-27T18:30:00.000Z","host":"vps101","kernel":"2.6.32-042stab112.15","glibc":"2.23","arch":"x86_64",
             "process":{"pid":2811,"tid":2811,"ppid":1,"uid":0,"euid":0,"comm":"openvpn"},
             "call":{"name":"daemon","errno":11,"errno_name":"EAGAIN"},
             "pid":{"pid_max":32768,"threads_max":515000,"host_tasks":57,"pid_ns":4026531836,"nspid":[2811]},
             "limits":{"nproc":{"soft":10,"hard":10},"uid_tasks":17},
             "beancounters":{"ctid":\(ctid),"numproc":{"held":24,"maxheld":30,"barrier":400,"limit":400,"failcnt":0}},
             "memory":{"mem_total_kb":2097152,"mem_available_kb":300000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testOpenVZRootIsBoundAndNeverToldToKillEverything() throws {
        let verdict = classifier.classify(try openvzRoot(ctid: 101))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("uid 0 of OpenVZ container 101") })
        XCTAssertTrue(verdict.advice[0].contains("Root of OpenVZ container 101 is bound"), "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("kill -9 -1") || $0.contains("pkill -u 0") })
        let host = classifier.classify(try openvzRoot(ctid: 0))
        XCTAssertFalse(host.evidence.contains { $0.contains("OpenVZ container") })
    }

    /// A snap's daemon as its snapd-made unit: the filter is snapd's profile.
    private func snapDaemon(exe: String) throws -> LogRecord {
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-27T18:30:00.000Z","host":"node","kernel":"5.15.0-91-generic","glibc":"2.35","arch":"x86_64",
             "process":{"pid":900,"tid":900,"ppid":1,"uid":0,"euid":0,"comm":"kubelite","seccomp":2,"exe":"\(exe)"},
             "call":{"name":"pthread_create","errno":1,"errno_name":"EPERM"},
             "limits":{"nproc":{"soft":63250,"hard":63250},"nproc_exempt":"root","uid_tasks":300},
             "container":{"cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]],"markers":[]},
             "cgroups":{"pids":[{"version":2,"path":"/system.slice/snap.microk8s.daemon-kubelite.service","dir":"/sys/fs/cgroup/system.slice/snap.microk8s.daemon-kubelite.service","max":18975,"current":40,"events_max":0},
                                {"version":2,"path":"/","dir":"/sys/fs/cgroup"}],
                        "pids_mount":{"version":2,"mount":"/sys/fs/cgroup","root":"/"}},
             "memory":{"mem_total_kb":16200000,"mem_available_kb":11600000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    func testASnapsUnitIsNotToldToEditItsSystemCallFilter() throws {
        let verdict = classifier.classify(try snapDaemon(exe: "/snap/microk8s/6089/kubelite"))
        XCTAssertEqual(verdict.id, .seccompOrPolicy)
        let binding = verdict.bindingLimit.name
        XCTAssertTrue(binding.contains("snapd's profile for snap microk8s"), binding)
        XCTAssertTrue(verdict.advice[0].contains("`snap install microk8s`"), "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("`systemctl edit") })
        // The unit alone names the snap too.
        let byUnit = classifier.classify(try snapDaemon(exe: "/usr/bin/kubelite"))
        XCTAssertTrue(byUnit.bindingLimit.name.contains("snap microk8s"), byUnit.bindingLimit.name)
    }
}
