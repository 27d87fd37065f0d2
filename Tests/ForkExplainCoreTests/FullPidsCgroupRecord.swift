import XCTest

@testable import ForkExplainCore

/// A server's task refused by its full v1 pids cgroup of `limit` tasks
/// (EAGAIN), with `module` on the stack when given: the record the field
/// audits' servers (Apache, PHP-FPM, PostgreSQL, mongod) are classified from.
func fullPidsCgroupRecord(
    comm: String, call: String = "fork", limit: Int, module: String? = nil, uid: Int = 61750
) throws -> LogRecord {
    try serverRecord(
        comm: comm, call: call, uid: uid, module: module, threads: 1,
        limits: #""nproc":{"soft":63000,"hard":63000},"uid_tasks":\#(limit)"#,
        pids: #""path":"/web","dir":"/sys/fs/cgroup/pids/web","max":\#(limit),"current":\#(limit),"events_max":1"#)
}

/// A server's task refused by RLIMIT_NPROC of its uid, whose `soft` tasks
/// are all its own (no pids limit), with `module` on the stack when given.
func fullNPROCRecord(
    comm: String, call: String = "fork", soft: Int, threads: Int = 1, module: String? = nil, uid: Int = 62080,
    pidsPath: String = "/"
) throws -> LogRecord {
    try serverRecord(
        comm: comm, call: call, uid: uid, module: module, threads: threads,
        limits: #""nproc":{"soft":\#(soft),"hard":\#(soft)},"uid_tasks":\#(soft)"#,
        pids: #""path":"\#(pidsPath)","dir":"/sys/fs/cgroup/pids","max":"max","current":300"#)
}

/// The record both share: `limits` and the pids level `pids` as JSON members.
private func serverRecord(
    comm: String, call: String, uid: Int, module: String?, threads: Int, limits: String, pids: String
) throws -> LogRecord {
    let frames =
        module.map { #","backtrace":[{"addr":"0x7f0000004e9e","module":"\#($0)","offset":"0x4e9e"}]"# } ?? ""
    let line = """
        {"schema":1,"type":"failure","time":"2026-11-28T04:39:12.000Z","host":"vm","kernel":"6.1.0-13-amd64","glibc":"2.36","arch":"x86_64",
         "process":{"pid":29715,"tid":29715,"ppid":29713,"uid":\(uid),"euid":\(uid),"comm":"\(comm)"},
         "call":{"name":"\(call)","errno":11,"errno_name":"EAGAIN"},
         "pid":{"pid_max":4194304,"threads_max":126980,"host_tasks":300,"pid_ns":4026531836,"pid_for_children_ns":4026531836,"nspid":[29715]},
         "limits":{\(limits)},
         "cgroups":{"pids":[{"version":1,\(pids)}]},
         "top":{"complete":true,"holders":[{"pid":29715,"comm":"\(comm)","uid":\(uid),"threads":\(threads)}]}\(frames)}
        """
    return try LogRecord(jsonLine: Array(line.utf8))
}

/// `text` read by `explain`: its program, kind, errno, first cause, and a
/// note that says `says`.
func assertExplains(
    _ text: String, program: String, kind: CallKind, errno: String, first: String, says: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let explanation = Explainer.explain(text)
    XCTAssertEqual(explanation.message.program, program, file: file, line: line)
    XCTAssertEqual(explanation.message.kind, kind, file: file, line: line)
    XCTAssertEqual(explanation.errnos.first, errno, file: file, line: line)
    XCTAssertEqual(
        explanation.causes.first?.id, first, "\(explanation.causes.map(\.id))", file: file, line: line)
    XCTAssertTrue(
        explanation.message.notes.contains { $0.contains(says) }, "\(explanation.message.notes)", file: file,
        line: line)
}
