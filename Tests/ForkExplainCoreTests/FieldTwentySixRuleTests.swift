import XCTest

@testable import ForkExplainCore

/// The twenty-sixth field audit's misreads (docs/kernel-facts.md
/// §11.167–§11.170, scenarios 264–266): zombies that fill a level, an
/// nspawn machine's scope, systemd 228's user manager and a level a
/// unit's own program made.
final class FieldTwentySixRuleTests: XCTestCase {
    typealias R = ContainerRecords

    private func buildLevel(current: Int) throws -> LogRecord {
        try R.record(pids: "[\(R.level("/jobs/build", max: "300", current: current, events: 9)),\(R.level("/"))]")
    }

    /// PikoCI's 9237 zombies of 9249 (§11.167): reaping them is the fix,
    /// a higher limit only postpones the next refusal.
    func testZombiesThatFillTheLevelComeBeforeTheRaise() throws {
        var record = try buildLevel(current: 300)
        record.top = TopSnapshot(holders: [PIDHolder(pid: 1, comm: "runner", threads: 3, zombies: 250)])
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.advice[0].hasPrefix("Reap the zombies first: runner (pid 1)"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice.contains { $0.contains("echo 600 >") }, "the raise stays: \(verdict.advice)")
        XCTAssertTrue(
            verdict.evidence.contains { $0.contains("250 unreaped children are 83 % of the 300 tasks") },
            "\(verdict.evidence)")
    }

    /// A parent between exits and waits, or a minority of the level, is
    /// no reason to put the raise second.
    func testZombiesThatAreAMinorityStayAfterTheRaise() throws {
        var record = try buildLevel(current: 300)
        record.top = TopSnapshot(holders: [PIDHolder(pid: 1, comm: "runner", threads: 3, zombies: 120)])
        let advice = Classifier().classify(record).advice
        let reap = try XCTUnwrap(advice.firstIndex { $0.hasPrefix("Reap the zombies first") }, "\(advice)")
        XCTAssertGreaterThan(reap, 0, "\(advice)")
        XCTAssertNil(HolderEvidence.zombiesFill(record.top, tasks: 300))
        XCTAssertNil(HolderEvidence.zombiesFill(record.top, tasks: 100), "more zombies than the level: elsewhere")
    }

    /// systemd#32783: machined gives machine-NAME.scope 16384 itself, so a
    /// drop-in for systemd-nspawn@.service does not reach it (§11.168).
    func testAnNspawnMachineNamesTheScopeAndTheServiceApart() {
        var identity = ContainerIdentity()
        identity.runtime = .nspawn
        identity.hostname = "puppet001"
        let advice = PidsLimitOwner.ownerOfContainer(identity, version: 2, n: "N", above: true).joined()
        XCTAssertTrue(advice.contains("machined creates with TasksMax=16384 of its own"), advice)
        XCTAssertTrue(advice.contains("`systemctl set-property machine-puppet001.scope TasksMax=N`"), advice)
        XCTAssertTrue(advice.contains("`systemd-nspawn --property=TasksMax=N`"), advice)
        XCTAssertTrue(advice.contains("`systemctl set-property systemd-nspawn@puppet001.service TasksMax=N`"), advice)
        XCTAssertFalse(advice.contains("systemd-nspawn@.service ships TasksMax=16384;"), advice)
    }

    /// systemd#1955: systemd 228's user@UID.service at DefaultTasksMax=512,
    /// fixed for every user in the template (§11.168).
    func testSystemd228sUserManagerAt512IsTheTemplates() throws {
        let match = try XCTUnwrap(
            SystemdDefaultTasksMax.match(
                path: "/user.slice/user-1000.slice/user@1000.service", limit: 512, pidMax: 32768, threadsMax: 127_150))
        XCTAssertTrue(match.evidence.contains("systemd 228's DefaultTasksMax=512 on the user's own service manager"))
        XCTAssertTrue(match.advice.contains("`systemctl edit user@.service`"), match.advice)
        XCTAssertTrue(match.advice.contains("`TasksMax=infinity`"), match.advice)
        let other = try XCTUnwrap(
            SystemdDefaultTasksMax.match(
                path: "/system.slice/sshd.service", limit: 512, pidMax: 32768, threadsMax: 127_150))
        XCTAssertFalse(other.advice.contains("user@.service"), other.advice)
    }

    /// tribuchet's per-build cgroup below its worker's unit (§11.170): the
    /// unit's program wrote pids.max, not systemd and not "nobody".
    func testALevelBelowAUnitIsItsProgramsSetting() throws {
        let path = "/system.slice/tribuchet-worker.service/builds/build-51893"
        let advice = try R.hostPidsAdvice(
            [
                R.level(path, max: "4096", current: 4096, events: 7),
                R.level("/system.slice/tribuchet-worker.service/builds", current: 4096),
                R.level("/system.slice/tribuchet-worker.service", current: 4109),
                R.level("/system.slice", current: 4301), R.level("/"),
            ], binding: path)
        XCTAssertTrue(
            advice[0].hasPrefix("This level is below systemd unit tribuchet-worker.service"), "\(advice)")
        XCTAssertFalse(advice.contains { $0.contains("no service manager is known") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.hasPrefix("Immediately (until its manager writes it again)") })
        // A unit's own level stays the unit's TasksMax=.
        let unit = PidsLimitOwner.ownerOfHostLevel("/system.slice/tribuchet-worker.service", version: 2, n: "N")
        XCTAssertTrue(unit[0].hasPrefix("systemd owns this level"), "\(unit)")
        XCTAssertEqual(PidsLimitOwner.ownerOfHostLevel("/jobs/build", version: 2, n: "N"), [])
    }

    /// gap-system/gap#3509 (§11.170): strict overcommit's numbers that
    /// would have let the fork through, and a parent whose VmData is a
    /// reservation it never touched.
    func testStrictOvercommitGivesTheRatioThatFitsAndTheReservation() throws {
        var record = try Fixture.record("commit-limit-mode2.jsonl")
        var verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .commitLimit)
        // 5120344 + 3565120 kB, with the reserves mm/util.c keeps back (8 MiB
        // for a caller without CAP_SYS_ADMIN, VmSize / 32 = 116012 kB; §11.216),
        // over MemTotal 16331412 kB, no swap: 53.9 %.
        XCTAssertTrue(verdict.advice[0].contains("`sysctl -w vm.overcommit_ratio=54`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[0].contains("`vm.overcommit_kbytes=8809668`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[0].contains("+ the reserves 121.3 MiB"), "\(verdict.advice)")
        XCTAssertFalse(
            verdict.advice.contains { $0.hasPrefix("Make the parent reserve less") }, "redis uses its memory")

        record.memory?.vmRssKb = 300_000
        verdict = Classifier().classify(record)
        XCTAssertTrue(verdict.advice[0].hasPrefix("Make the parent reserve less"), "\(verdict.advice)")
        XCTAssertTrue(verdict.evidence.contains { $0.contains("is 11 times its VmRSS") }, "\(verdict.evidence)")
    }

    /// A go command's own 45 threads beside its compile children's 3960
    /// (§11.170): the failing process is not where the level's tasks are,
    /// and the count under the level comes instead of its name.
    func testAFailingProcessWithFewOfTheTasksIsNotTheLeakToCheck() throws {
        let path = "/system.slice/tribuchet-worker.service/builds/build-51893"
        var record = try R.record(pids: "[\(R.level(path, max: "4096", current: 4096, events: 7)),\(R.level("/"))]")
        record.process?.comm = "go"
        record.top = TopSnapshot(holders: [
            PIDHolder(pid: 77, comm: "go", threads: 45), PIDHolder(pid: 900, comm: "compile", threads: 12),
        ])
        var advice = Classifier().classify(record).advice
        XCTAssertFalse(advice.contains { $0.contains("go (pid 77) holds 45 threads") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.hasPrefix("Look for a leak first, counting") }, "\(advice)")
        record.top = TopSnapshot(holders: [PIDHolder(pid: 77, comm: "go", threads: 2_000)])
        advice = Classifier().classify(record).advice
        XCTAssertTrue(advice.contains { $0.contains("go (pid 77) holds 2000 threads") }, "\(advice)")
    }

    /// check inside systemd#32783's machine said OK: every visible level
    /// max, the machine's 16384 above the view (§11.168). It now says a
    /// hidden limit likely binds, and where it is raised.
    func testCheckInAContainerAtAHiddenLimitSaysSo() throws {
        let mount = #""version":2,"mount":"/sys/fs/cgroup","root":"/docker/\#(R.dockerId)""#
        let own = "/system.slice/puppetserver.service"
        func report(events: Int, top: Int, limit: String = "\"max\"") throws -> CheckReport {
            let pids = "[\(R.level(own, current: 4040, events: events)),\(R.level("/", max: limit, current: top))]"
            return CheckReport(record: try R.record(pids: pids, container: R.ownNs, mount: mount))
        }
        let hidden = try XCTUnwrap(try report(events: 212, top: 16383).hidden)
        XCTAssertTrue(hidden.line.contains("holds 16383 tasks, 1 short of 16384"), hidden.line)
        XCTAssertTrue(hidden.line.contains("were refused 212 times"), hidden.line)
        XCTAssertTrue(hidden.fixes.joined().contains("--pids-limit"), "\(hidden.fixes)")
        let text = CheckTextRenderer().render(try report(events: 212, top: 16383))
        XCTAssertTrue(text.contains("a limit above this container, which check cannot read from inside"), text)
        XCTAssertNotNil(try report(events: 3, top: 700).hidden, "refusals alone")
        XCTAssertNil(try report(events: 0, top: 16383).hidden, "a count near a round number alone")
        XCTAssertNil(try report(events: 212, top: 16383, limit: "20000").hidden, "a visible limit is rated")
        let host = try R.record(pids: "[\(R.level(own, current: 4040, events: 212)),\(R.level("/", current: 16383))]")
        XCTAssertNil(CheckReport(record: host).hidden, "the host sees every level")
    }

    /// concourse#2296's worker is a templated unit in an escaped slice:
    /// unquoted, bash reads `\x2d` as `x2d` and the commands miss the
    /// cgroup (§11.170). Paths and units with such characters are quoted.
    func testCommandsQuoteAnEscapedUnitsPath() throws {
        XCTAssertEqual(
            ShellWord.quoted("/sys/fs/cgroup/pids/system.slice/a@b.service"),
            "/sys/fs/cgroup/pids/system.slice/a@b.service")
        XCTAssertEqual(ShellWord.quoted(#"/x/system-a\x2db.slice"#), #"'/x/system-a\x2db.slice'"#)
        XCTAssertEqual(ShellWord.quoted("it's"), #"'it'\''s'"#)
        let unit = #"/system.slice/system-concourse\x2dworker.slice/concourse-worker@bourbon.service"#
        // The shim's JSON escapes the backslash.
        let json = unit.replacingOccurrences(of: #"\"#, with: #"\\"#)
        let advice = try R.hostPidsAdvice(
            [
                R.level(json + "/garden/1d3e", current: 331, events: 14), R.level(json + "/garden", current: 4890),
                R.level(json, max: "4915", current: 4915), R.level(#"/system.slice/system-concourse\\x2dworker.slice"#),
                R.level("/system.slice"), R.level("/"),
            ], binding: unit)
        let dir = "/sys/fs/cgroup" + unit
        XCTAssertTrue(advice.contains { $0.contains("`echo 9830 > '\(dir)/pids.max'`") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("$(find '\(dir)' -name cgroup.procs)") }, "\(advice)")
        XCTAssertTrue(
            advice.contains { $0.contains("`systemctl set-property concourse-worker@bourbon.service TasksMax=9830`") },
            "\(advice)")
    }

    /// blog.mafr.de's VPS: OpenVZ's numproc 94 filled by Apache's worker
    /// threads among 20 processes (§11.170): Apache's own sizes come with
    /// the node's numproc, as they do for a pids limit.
    func testAnApacheThreadRefusedByNumprocGetsApachesSizes() throws {
        func record(comm: String) throws -> LogRecord {
            let line = """
                {"schema":1,"type":"failure","time":"2026-11-29T15:00:00.000Z","host":"vps","kernel":"2.6.32-042stab039.11","glibc":"2.11","arch":"x86_64",
                 "process":{"pid":2811,"tid":2811,"ppid":2800,"uid":33,"euid":33,"comm":"\(comm)"},
                 "call":{"name":"pthread_create","errno":11,"errno_name":"EAGAIN"},
                 "pid":{"pid_max":32768,"threads_max":515000,"host_tasks":94},
                 "limits":{"nproc":{"soft":515000,"hard":515000},"uid_tasks":78},
                 "beancounters":{"ctid":2203,"numproc":{"held":94,"maxheld":94,"barrier":94,"limit":94,"failcnt":57}},
                 "memory":{"mem_total_kb":2097152,"mem_available_kb":310000,"overcommit_memory":0}}
                """
            return try LogRecord(jsonLine: Array(line.utf8))
        }
        let verdict = Classifier().classify(try record(comm: "apache2"))
        XCTAssertEqual(verdict.bindingLimit.key, "ubc:numproc")
        XCTAssertTrue(
            verdict.evidence.contains {
                $0.contains("ServerLimit × (ThreadsPerChild + 3) + 1 tasks against numproc 94")
            })
        XCTAssertTrue(verdict.advice[1].contains("`ThreadsPerChild 25`, `ServerLimit 3`"), "\(verdict.advice)")
        XCTAssertTrue(verdict.advice[0].contains("vzctl set 2203 --numproc 188:188"), "\(verdict.advice)")
        let other = Classifier().classify(try record(comm: "mysqld"))
        XCTAssertFalse(other.advice.contains { $0.contains("ThreadsPerChild") }, "\(other.advice)")
    }
}
