import XCTest

@testable import ForkExplainCore

/// What the field audit of scenarios 250 and 256 added
/// (docs/kernel-facts.md §11.220–§11.221).
final class FieldStateEightTests: XCTestCase {
    let classifier = Classifier()

    /// haecker-felix/Gradio#41: `ulimit -u` 750 beside threads-max 61496 is
    /// someone's line, not the kernel's half of threads-max: the fix says
    /// to find it (the record's threads-max is 126980: 63490 at boot).
    func testAnNPROCFarBelowTheKernelsIsNamedAsWritten() throws {
        let verdict = classifier.classify(
            try fullNPROCRecord(comm: "gradio", call: "pthread_create", soft: 750, threads: 9))
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        XCTAssertTrue(
            verdict.advice.contains {
                $0.contains("750 is not the kernel's") && $0.contains("(63490 of the 126980 now")
                    && $0.contains("grep -rsn nproc /etc/security/limits.conf")
            }, "\(verdict.advice)")
    }

    /// Half of threads-max or near it is the kernel's own or close to it:
    /// nothing to hunt for.
    func testAnNPROCNearTheKernelsIsNotCalledWritten() {
        XCTAssertNil(ChosenNPROC.note(soft: 63490, threadsMax: 126_980))
        XCTAssertNil(ChosenNPROC.note(soft: 40000, threadsMax: 126_980))
        XCTAssertNil(ChosenNPROC.note(soft: 750, threadsMax: nil))
        XCTAssertNotNil(ChosenNPROC.note(soft: 750, threadsMax: 61_496))
    }

    /// GLib's abort for a refused g_thread_new, as Gradio#41 printed it.
    func testGLibsThreadLineIsEAGAINCreatingAThread() {
        let explanation = Explainer.explain(
            "(gradio:28005): GLib-ERROR **: creating thread 'image_thread': Error creating thread: Resource temporarily unavailable"
        )
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertEqual(explanation.errnos.first, "EAGAIN")
        XCTAssertTrue(explanation.causes.contains { $0.id == "rlimit_nproc" }, "\(explanation.causes.map(\.id))")
    }

    /// A raised RLIMIT_NPROC is in force for what starts again: a login's
    /// programs after a new login, not after a daemon's restart (Gradio#41,
    /// docs/kernel-facts.md §11.223).
    func testADesktopProgramInASessionScopeIsToldToLogInAgain() throws {
        let advice = try nprocAdvice(in: "/user.slice/user-62080.slice/session-c2.scope")
        XCTAssertFalse(advice.contains { $0.hasPrefix("Restart the daemon") }, "\(advice)")
        XCTAssertTrue(
            advice.contains {
                $0.hasPrefix("Log out and in again afterwards (every session of uid 62080")
                    && $0.contains("session-c2.scope is a login") && $0.contains("/proc/29715/limits")
            }, "\(advice)")
    }

    func testAUserManagersAppIsToldToEndTheUsersManager() throws {
        let advice = try nprocAdvice(
            in: "/user.slice/user-62080.slice/user@62080.service/app.slice/app-gradio-1.scope")
        XCTAssertTrue(
            advice.contains { $0.contains("user@62080.service") && $0.contains("`loginctl terminate-user 62080`") },
            "\(advice)")
    }

    func testAServiceIsStillRestarted() throws {
        let advice = try nprocAdvice(in: "/system.slice/redis.service")
        let restart = "Restart the daemon afterwards (`systemctl restart redis.service`)"
        XCTAssertTrue(advice.contains { $0.hasPrefix(restart) }, "\(advice)")
    }

    /// The rlimit_nproc advice for gradio's refused thread in cgroup `path`.
    private func nprocAdvice(in path: String) throws -> [String] {
        let record = try fullNPROCRecord(comm: "gradio", call: "pthread_create", soft: 750, threads: 9, pidsPath: path)
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .rlimitNPROC)
        return verdict.advice
    }
}

/// tokio-rs/tokio#2309: tokio's blocking pool grows to max_blocking_threads,
/// 512 by default whatever the cores, and alone fills a pids limit of 512
/// (docs/kernel-facts.md §11.222).
final class TokioBlockingPoolTests: XCTestCase {
    func testRustsThreadNoteNamesTheBlockingPoolsCap() {
        let explanation = Explainer.explain(
            "thread 'main' panicked at 'OS can't spawn worker thread: Resource temporarily unavailable (os error 11)'")
        XCTAssertEqual(explanation.message.kind, .thread)
        XCTAssertTrue(
            explanation.message.notes.contains {
                $0.contains("`max_blocking_threads`") && $0.contains("512 by default")
            }, "\(explanation.message.notes)")
    }

    func testThePoolKnobsDoNotCallTokiosWorkersItsOnlyPool() {
        XCTAssertTrue(PooledHolders.genericKnobs.contains("`max_blocking_threads`"), PooledHolders.genericKnobs)
    }
}
