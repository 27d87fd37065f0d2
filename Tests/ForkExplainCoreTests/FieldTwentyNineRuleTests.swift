import XCTest

@testable import ForkExplainCore

/// The twenty-ninth field audit (docs/kernel-facts.md §11.190–§11.192): a
/// container engine's unit that fills with its shims, and pools in more
/// copies of one program than the record's top holders show.
final class FieldTwentyNineRuleTests: XCTestCase {
    typealias R = ContainerRecords

    /// The verdict on COMM's CALL refused at a unit's full pids level.
    private func fullUnit(_ path: String, max: Int, comm: String, call: String) throws -> Verdict {
        var record = try R.record(call: call, pids: "[" + R.level(path, max: "\(max)", current: max, events: 9) + "]")
        record.process?.comm = comm
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        return verdict
    }

    /// Azure/AKS#2709: containerd.service at its 512 with a shim for every
    /// pod. Before: the unit's raise to 1024 and nothing of the shims or of
    /// the `TasksMax=infinity` the engine's own unit ships.
    func testAnEngineUnitNamesItsShimsAndItsOwnInfinity() throws {
        let verdict = try fullUnit("/system.slice/containerd.service", max: 512, comm: "containerd-shim", call: "fork")
        let first = try XCTUnwrap(verdict.advice.first)
        XCTAssertTrue(first.hasPrefix("systemd owns this level, unit containerd.service"), first)
        XCTAssertTrue(first.contains("containerd.service is a container engine's unit"), first)
        XCTAssertTrue(first.contains("ships `TasksMax=infinity`"), first)
    }

    /// Any other unit keeps the plain fix.
    func testAnotherUnitHasNoEngineNote() {
        XCTAssertNil(SystemdUnit.engineNote("icinga2.service"))
        XCTAssertFalse(SystemdUnit.tasksMaxFix("icinga2.service", n: "1024").contains("container engine"))
        XCTAssertNotNil(SystemdUnit.engineNote("docker.service"))
    }

    /// mozilla/translations#630: 60 python3 jobs of OpenBLAS's 33 threads
    /// in podman's 2048; the record keeps 8. Before: "8 python3 processes of
    /// 33 threads each hold 264 of the 2048 tasks", a share that reads as
    /// small, and nothing of the others.
    func testPoolCopiesBelowTheTopAreCounted() throws {
        var record = try R.record(
            call: "pthread_create", pids: "[" + R.level("/", max: "2048", current: 2048, events: 3) + "]",
            container: R.ownNs, mount: #""version":2,"mount":"/sys/fs/cgroup","root":"/""#)
        record.process?.comm = "python3"
        record.pid?.pidNs = 4_026_532_999
        record.top = TopSnapshot(holders: (0..<8).map { PIDHolder(pid: 100 + $0, comm: "python3", threads: 33) })
        let verdict = Classifier().classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        let first = try XCTUnwrap(verdict.advice.first)
        XCTAssertTrue(first.hasPrefix("Cap the program's threads first: 8 python3 processes of 33 threads each"), first)
        XCTAssertTrue(
            first.contains(
                "the record keeps only the top 8 holders: at 33 threads a process, the 2048 tasks are about 62 such processes"
            ),
            first)
        XCTAssertTrue(first.contains("`OPENBLAS_NUM_THREADS=1`"), first)
    }

    /// Copies that hold most of the count need no such note.
    func testPoolThatHoldsMostHasNoSampleNote() {
        XCTAssertEqual(PooledHolders.sampleNote(held: 110, count: 4, tasks: 120), "")
        XCTAssertEqual(PooledHolders.sampleNote(held: 0, count: 0, tasks: 120), "")
    }

    /// The thread's own text: OpenBLAS prints RLIMIT_NPROC on every
    /// refusal. Before: RLIMIT_NPROC first, "with the user's tasks near
    /// 1031641 that is the limit, and `ulimit -u 1031641` raises it
    /// without root", a raise to the number already in force.
    func testOpenBLASsHugePrintedNPROCIsNotTakenForTheLimit() throws {
        let text = """
            OpenBLAS blas_thread_init: pthread_create failed for thread 22 of 32: Resource temporarily unavailable
            OpenBLAS blas_thread_init: RLIMIT_NPROC 1031641 current, 1031641 max
            """
        let explanation = Explainer.explain(text)
        XCTAssertEqual(explanation.message.program, "OpenBLAS")
        XCTAssertEqual(explanation.causes.first?.id, "cgroup_pids_limit")
        let note = try XCTUnwrap(explanation.message.notes.first { $0.hasPrefix("OpenBLAS printed its RLIMIT_NPROC") })
        XCTAssertTrue(note.contains("half of kernel.threads-max"), note)
        XCTAssertFalse(note.contains("`ulimit -u 1031641` raises it"), note)
    }

    /// A small soft limit under a larger hard one stays first, with its raise.
    func testOpenBLASsSmallPrintedNPROCStaysFirst() throws {
        let explanation = Explainer.explain(
            "OpenBLAS blas_thread_init: pthread_create failed for thread 50 of 64: Resource temporarily unavailable\nOpenBLAS blas_thread_init: RLIMIT_NPROC 4096 current, 4096 max"
        )
        XCTAssertEqual(explanation.causes.first?.id, "rlimit_nproc")
        let note = try XCTUnwrap(explanation.message.notes.first { $0.hasPrefix("OpenBLAS printed its RLIMIT_NPROC") })
        XCTAssertTrue(note.contains("only root raises it"), note)
    }

    /// canonical/mongodb-operator#576: a charmed mongod at its snap unit's
    /// default TasksMax=. Before: "`systemctl edit mongod`, or the unit a
    /// snap or charm installs", a unit that does not exist there.
    func testMongodInASnapUnitIsToldItsUnitAndADropIn() throws {
        let verdict = try fullUnit(
            "/system.slice/snap.charmed-mongodb.mongod.service", max: 4705, comm: "mongod", call: "pthread_create")
        let lift = try XCTUnwrap(verdict.advice.first { $0.hasPrefix("Or lift the limit for mongod") })
        XCTAssertTrue(
            lift.contains("`systemctl edit snap.charmed-mongodb.mongod.service`, `[Service]` `TasksMax=infinity`"), lift
        )
        XCTAssertTrue(lift.contains("snapd generates snap.charmed-mongodb.mongod.service"), lift)
        XCTAssertFalse(lift.contains("`systemctl edit mongod`"), lift)
    }
}
