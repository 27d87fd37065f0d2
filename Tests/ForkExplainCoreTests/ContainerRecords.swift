import Foundation
import XCTest

@testable import ForkExplainCore

/// Hand-written records of processes in containers and on hosts, with the
/// issue 6 fields (docs/log-format.md: `container`, `cgroups.pids_mount`,
/// `events_max_local`).
enum ContainerRecords {
    static let dockerId = "9db607e42f398fac4505c1102a018e4e92ee7e47d944c8530226dd1c2b4a0758"
    static let podUid = "5f0c6a2e-9b1d-4c57-8e3a-2d7f1b9c4e60"
    static let hostNs = #""cgroup_ns":4026531835,"user_ns":4026531837,"uid_map":[[0,0,4294967295]]"#
    static let ownNs = #""cgroup_ns":4026532781,"user_ns":4026531837,"uid_map":[[0,0,4294967295]]"#

    /// A failure record; `pids` is the JSON array of levels, `container`
    /// and `mount` the bodies of those objects.
    static func record(
        kernel: String = "6.1.0-25-amd64", call: String = "fork", errno: String = "EAGAIN",
        pids: String, container: String = hostNs, mount: String = #""version":2,"mount":"/sys/fs/cgroup","root":"/""#,
        limits: String = #""nproc":{"soft":"unlimited"},"nproc_exempt":"root","uid_tasks":40"#, uid: Int = 0,
        host: String = "web1"
    ) throws -> LogRecord {
        let number = errno == "EAGAIN" ? 11 : 12
        let line = """
            {"schema":1,"type":"failure","time":"2026-11-26T15:30:00.000Z","host":"\(host)","kernel":"\(kernel)","glibc":"2.36",
             "process":{"pid":77,"tid":77,"ppid":1,"uid":\(uid),"euid":\(uid),"comm":"app"},
             "call":{"name":"\(call)","errno":\(number),"errno_name":"\(errno)"},
             "pid":{"pid_max":4194304,"threads_max":250000,"host_tasks":900},
             "limits":{\(limits)},
             "container":{\(container)},
             "cgroups":{"pids":\(pids),"pids_mount":{\(mount)}},
             "memory":{"mem_total_kb":16000000,"mem_available_kb":12000000,"overcommit_memory":0}}
            """
        return try LogRecord(jsonLine: Array(line.utf8))
    }

    static func identity(
        pids: String = #"[{"version":2,"path":"/"}]"#, container: String = hostNs,
        mount: String = #""version":2,"mount":"/sys/fs/cgroup","root":"/""#, uid: Int = 0
    ) throws -> ContainerIdentity {
        ContainerIdentity(record: try record(pids: pids, container: container, mount: mount, uid: uid))
    }

    /// The advice on a fork refused on the host's view of `levels` (own
    /// level first), which must be a cgroup_pids_limit binding at `binding`.
    static func hostPidsAdvice(
        _ levels: [String], binding: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> [String] {
        let verdict = Classifier().classify(try record(pids: "[" + levels.joined(separator: ",") + "]"))
        XCTAssertEqual(verdict.id, .cgroupPidsLimit, file: file, line: line)
        XCTAssertEqual(verdict.bindingLimit.name, "cgroup pids \(binding)", file: file, line: line)
        return verdict.advice
    }

    /// explain's fixes for the kernel's pids line naming `path`.
    static func kernelLineFixes(_ path: String) throws -> [String] {
        try XCTUnwrap(KernelPidsLine.cause(in: "cgroup: fork rejected by pids controller in \(path)")).fixes
    }

    /// One pids level as the shim writes it.
    static func level(
        _ path: String, max: String = "\"max\"", current: Int = 10, events: Int? = 0, local: Int? = nil,
        version: Int = 2, dir: String? = nil
    ) -> String {
        var fields = [
            #""version":\#(version)"#, #""path":"\#(path)""#,
            #""dir":"\#(dir ?? "/sys/fs/cgroup" + (path == "/" ? "" : path))""#, #""max":\#(max)"#,
            #""current":\#(current)"#,
        ]
        if let events { fields.append(#""events_max":\#(events)"#) }
        if let local { fields.append(#""events_max_local":\#(local)"#) }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
