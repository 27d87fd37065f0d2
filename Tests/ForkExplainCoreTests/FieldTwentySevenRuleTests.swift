import XCTest

@testable import ForkExplainCore

/// The twenty-seventh field audit's misreads (docs/kernel-facts.md
/// §11.171, scenario 268): many processes of one program, each a pool of
/// threads, read as "many processes hold one each".
final class FieldTwentySevenRuleTests: XCTestCase {
    typealias R = ContainerRecords

    /// kata-containers/runtime#807: a kata-proxy of 60–88 threads for each
    /// of 1000 containers fills pid_max 90122; the fix was GOMAXPROCS.
    func testManyProcessesOfOnePoolAreNamedAndCappedFirst() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.pidMax = 90_122
        record.pid?.hostTasks = 89_822
        record.top = TopSnapshot(
            holders: [PIDHolder(pid: 800, comm: "dockerd", threads: 120)]
                + (0..<7).map { PIDHolder(pid: 10_000 + $0, comm: "kata-proxy", threads: Int64(88 - $0)) })
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .pidMax)
        let first = try XCTUnwrap(verdict.advice.first)
        XCTAssertTrue(
            first.hasPrefix(
                "Cap the program's threads first: 7 of the 8 top holders are kata-proxy processes of 82–88 threads each"
            ),
            first)
        XCTAssertTrue(first.contains("`ps -C kata-proxy -o nlwp="), first)
        XCTAssertTrue(first.contains("`GOMAXPROCS=4`"), first)
        XCTAssertFalse(verdict.advice.contains { $0.contains("many processes hold one each") }, "\(verdict.advice)")
        XCTAssertTrue(verdict.advice.contains { $0.contains("sysctl -w kernel.pid_max=") }, "the raise stays")
    }

    /// Processes of one name with a thread or two each are not a pool, and
    /// a pool of two processes is no pattern.
    func testFewThreadsOrFewProcessesAreNoPool() {
        let small = TopSnapshot(holders: (0..<8).map { PIDHolder(pid: $0, comm: "sh", threads: 1) })
        XCTAssertNil(PooledHolders.find(small))
        let two = TopSnapshot(holders: (0..<2).map { PIDHolder(pid: $0, comm: "java", threads: 400) })
        XCTAssertNil(PooledHolders.find(two))
        let odd = TopSnapshot(
            holders: [PIDHolder(pid: 1, comm: "it's", threads: 20)] + [
                PIDHolder(pid: 2, comm: "it's", threads: 20), PIDHolder(pid: 3, comm: "it's", threads: 30),
            ])
        XCTAssertTrue(PooledHolders.find(odd)?.advice.contains("`ps -C 'it'\\''s' -o nlwp=") ?? false)
    }

    /// moby#18275 (docker 1.9.1, 80 cores, 2500-3500 containers): Go's own
    /// 10000-thread ceiling, no system call refused (§11.172). Before: "no
    /// failed process or thread creation is named" and ten kernel causes.
    func testGoThreadExhaustionIsTheRuntimesOwnCeiling() {
        let text = """
            runtime: program exceeds 10000-thread limit
            fatal error: thread exhaustion

            runtime stack:
            runtime.throw(0x1cc0901)
                    /usr/local/go/src/runtime/panic.go:491 +0xad
            checkmcount()
                    /usr/local/go/src/runtime/proc.c:185 +0x60
            mcommoninit(0xc24d2b0380)
                    /usr/local/go/src/runtime/proc.c:200 +0xbb
            newm(0x4d04e0, 0xc208010000)
                    /usr/local/go/src/runtime/proc.c:1142 +0x28
            """
        let explained = Explainer.explain(text)
        XCTAssertEqual(explained.message.program, "Go (runtime)")
        XCTAssertNotNil(explained.message.notATask)
        XCTAssertTrue(explained.causes.isEmpty, "\(explained.causes.map(\.id))")
        XCTAssertTrue(explained.message.programNote?.contains("`debug.SetMaxThreads(N)`") ?? false)
        // The kernel's refusal of a Go thread stays a task's.
        let refused = Explainer.explain(
            "runtime: failed to create new OS thread (have 772 already; errno=11)\nfatal error: newosproc")
        XCTAssertNil(refused.message.notATask)
        XCTAssertFalse(refused.causes.isEmpty)
    }

    /// Icinga#5611: `DefaultTasksMax=infinity` and `TaskMax=infinity` in the
    /// unit had no effect and `systemctl show` still said 512 (§11.173):
    /// the unit's fix says how to see that it took.
    func testTheUnitsFixSaysHowToSeeItTook() throws {
        let advice = try R.hostPidsAdvice(
            [R.level("/system.slice/icinga2.service", max: "512", current: 512, events: 96), R.level("/system.slice")],
            binding: "/system.slice/icinga2.service")
        let fix = try XCTUnwrap(advice.first { $0.contains("systemctl set-property icinga2.service TasksMax=") })
        XCTAssertTrue(fix.contains("See that it took: `systemctl show -p TasksMax icinga2.service`"), fix)
        XCTAssertTrue(fix.contains("such as `TaskMax=` or system.conf's `DefaultTasksMax=`"), fix)
        XCTAssertTrue(fix.contains("`systemctl daemon-reload`"), fix)
    }

    /// jsmpp#93: one JVM of 30620 threads in pid_max 32768 on CentOS 7's
    /// 3.10 (§11.174): its pools are named first, not one-PID holders.
    func testOneProcessThatHoldsMostIsNamedAlone() throws {
        var record = try Fixture.record("centos7-pid-max.jsonl")
        record.pid?.hostTasks = 32_468
        record.top = TopSnapshot(
            holders: [PIDHolder(pid: 1400, comm: "java", threads: 30_620)]
                + (0..<4).map { PIDHolder(pid: 2000 + $0, comm: "kworker/0:1", threads: 1) })
        let advice = Classifier().classify(record).advice
        XCTAssertTrue(
            advice[0].hasPrefix("One process holds most of them: java (pid 1400) has 30620 threads, 94 % of the 32468"),
            "\(advice)")
        XCTAssertTrue(advice[0].contains("`ps -L -o comm= -p 1400 | sort | uniq -c | sort -rn | head`"), advice[0])
        XCTAssertFalse(advice.contains { $0.contains("kworker") }, "\(advice)")
    }
}
