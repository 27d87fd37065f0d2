import XCTest

@testable import ForkExplainCore

/// What the eighth field audit added (scenarios 130–133): a container's
/// pids.max that is systemd's DefaultTasksMax because its runtime's systemd
/// cgroup driver gave its scope no limit (docs/kernel-facts.md §11.14),
/// Elasticsearch's thread check reading the kernel's boot value of
/// RLIMIT_NPROC (§11.15), a browser's many processes filling a container's
/// pids limit together (§11.16), and the round number a hidden pod limit
/// likely is (§11.17).
final class FieldEightRuleTests: XCTestCase {
    typealias R = ContainerRecords
    let classifier = Classifier()

    /// The records' host: threads-max 250000, pid_max 4194304, so 15 % is 37500.
    private func dockerOwnLevel(max: Int, container: String = R.ownNs + #","markers":["/.dockerenv"]"#) throws
        -> Verdict
    {
        let record = try R.record(
            call: "pthread_create", pids: "[\(R.level("/", max: "\(max)", current: max, events: 3))]",
            container: container)
        return classifier.classify(record)
    }

    func testADockerContainerAtFifteenPercentIsNamedSystemdsDefault() throws {
        let verdict = try dockerOwnLevel(max: 37_500)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        let why = try XCTUnwrap(verdict.evidence.first { $0.contains("DefaultTasksMax") })
        XCTAssertTrue(why.contains("15 % of min(threads-max, pid_max − 1) = 250000"))
        XCTAssertTrue(why.contains("systemd cgroup driver"))
        let fix = try XCTUnwrap(verdict.advice.firstIndex { $0.contains("--pids-limit -1") })
        XCTAssertTrue(verdict.advice[fix].contains("native.cgroupdriver=cgroupfs"))
        XCTAssertTrue(verdict.advice[fix].contains("DefaultTasksMax="))
        // A number given to docker still works: it stays the first fix.
        XCTAssertTrue(verdict.advice[0].contains("docker update --pids-limit 75000"))
        XCTAssertLessThan(0, fix)
    }

    func testAChosenContainerLimitIsNotCalledADefault() throws {
        for max in [512, 2048, 37_400, 37_600] {
            let verdict = try dockerOwnLevel(max: max)
            XCTAssertEqual(verdict.id, .cgroupPidsLimit)
            XCTAssertFalse(verdict.evidence.contains { $0.contains("DefaultTasksMax") }, "\(max)")
            XCTAssertFalse(verdict.advice.contains { $0.contains("native.cgroupdriver") }, "\(max)")
        }
    }

    func testAnotherRuntimeGetsTheRuntimeNeutralFix() throws {
        let match = try XCTUnwrap(
            SystemdDefaultTasksMax.containerScope(
                limit: 9830, pidMax: 4_194_304, threadsMax: 65_536, identity: ContainerIdentity()))
        XCTAssertTrue(match.evidence.contains("= 65536"))
        XCTAssertTrue(match.advice.contains("podPidsLimit"))
        XCTAssertFalse(match.advice.contains("daemon.json"))
        XCTAssertNil(
            SystemdDefaultTasksMax.containerScope(
                limit: 9830, pidMax: nil, threadsMax: nil, identity: ContainerIdentity()))
    }

    func testManyProcessesOfTheFailingProgramAreCountedTogether() throws {
        var record = try R.record(
            call: "pthread_create", pids: "[\(R.level("/", max: "512", current: 512, events: 7))]",
            container: R.ownNs + #","markers":["/.dockerenv"]"#)
        record.process?.comm = "chrome"
        let browsers = (0..<4).map { PIDHolder(pid: 100 + 31 * $0, comm: "chrome", threads: 34) }
        record.top = TopSnapshot(holders: browsers + [PIDHolder(pid: 1, comm: "node", threads: 11)])
        let verdict = classifier.classify(record)
        // Each a pool of 16 threads or more: the pool reading (§11.183).
        let count = try XCTUnwrap(verdict.advice.first)
        XCTAssertTrue(count.hasPrefix("Cap the program's threads first"), count)
        XCTAssertTrue(count.contains("4 chrome processes of 34 threads each hold 136 of the 512 tasks"), count)
        XCTAssertTrue(count.contains("Raise the limit only past what they need together"), count)
        XCTAssertTrue(count.contains("`--renderer-process-limit=N`"), count)
        // Smaller copies are still counted together.
        var smaller = record
        smaller.cgroups?.pids?[0].max = .value(150)
        smaller.cgroups?.pids?[0].current = 150
        smaller.top = TopSnapshot(
            holders: (0..<4).map { PIDHolder(pid: 100 + 31 * $0, comm: "chrome", threads: 12) }
                + [PIDHolder(pid: 1, comm: "node", threads: 11)])
        let small = try XCTUnwrap(classifier.classify(smaller).advice.first { $0.hasPrefix("Count the program") })
        XCTAssertTrue(small.contains("4 chrome processes among the top holders hold 48 threads"), small)
        XCTAssertTrue(small.contains("raise the limit or run fewer at once"))
        // One process that holds most of the level is named first, alone
        // or with small siblings (§11.184).
        for siblings in [0, 3] {
            let small = (0..<siblings).map { PIDHolder(pid: 200 + $0, comm: "chrome", threads: 1) }
            record.top = TopSnapshot(holders: [PIDHolder(pid: 100, comm: "chrome", threads: 400)] + small)
            XCTAssertTrue(
                classifier.classify(record).advice.contains {
                    $0.hasPrefix("One process holds most") && $0.contains("chrome (pid 100) has 400 threads")
                }, "\(siblings) siblings")
        }
    }

    func testAContainerJustUnderARoundNumberNamesThatNumberAsTheLikelyHiddenLimit() throws {
        XCTAssertEqual(HiddenPidsLimit.roundLimit(justAbove: 1023), 1024)
        XCTAssertEqual(HiddenPidsLimit.roundLimit(justAbove: 2040), 2048)
        XCTAssertNil(HiddenPidsLimit.roundLimit(justAbove: 1003), "21 short of 1024 is not just under it")
        XCTAssertNil(HiddenPidsLimit.roundLimit(justAbove: 1024), "a full level is a visible limit, not a guess")
        XCTAssertNil(HiddenPidsLimit.roundLimit(justAbove: 40))
        let record = try R.record(
            kernel: "5.15.0-91-generic", call: "pthread_create",
            pids: "[\(R.level("/", current: 1023, events: 4))]", container: R.ownNs)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.evidence.contains { $0.contains("1023 tasks here are 1 short of 1024") })
    }

    func testTheThreadCheckNamesTheKernelsBootValueWhenNobodyChoseTheNumber() throws {
        let odd = try XCTUnwrap(
            Explainer.explain(
                "max number of threads [1861] for user [elasticsearch] is too low, increase to at least [2048]"
            ).known)
        XCTAssertTrue(odd.reason.contains("half of kernel.threads-max (3722 if so"))
        XCTAssertTrue(odd.reason.contains("LimitNPROC="))
        XCTAssertTrue(odd.checks.contains { $0.hasPrefix("sysctl kernel.threads-max") })
        XCTAssertTrue(odd.fixes[0].contains("LimitNPROC=2048"))
        let chosen = try XCTUnwrap(
            Explainer.explain(
                "max number of threads [1024] for user [elasticsearch] is too low, increase to at least [2048]"
            ).known)
        XCTAssertFalse(chosen.reason.contains("threads-max"))
        XCTAssertFalse(chosen.checks.contains { $0.contains("threads-max") })
    }
}
