import XCTest

@testable import ForkExplainCore

/// The systemd unit whose TasksMax= binds, named alike by `check` (its
/// tightest pids level), `report` (a full level's owner) and `explain`
/// (`systemctl status`'s Tasks line): one fix text (SystemdUnit,
/// docs/kernel-facts.md §11.100, §11.115).
final class SystemdUnitCheckTests: XCTestCase {
    typealias R = ContainerRecords

    private func nginx(max: Int, current: Int) throws -> LogRecord {
        let pids =
            "[\(R.level("/system.slice/nginx.service", max: "\(max)", current: current)),"
            + "\(R.level("/system.slice", current: current + 40)),\(R.level("/", current: 900))]"
        return try R.record(pids: pids)
    }

    func testCheckNamesTheUnitWhoseTasksMaxIsTightestWithReportsFix() throws {
        let report = CheckReport(record: try nginx(max: 64, current: 62))
        XCTAssertEqual(report.unit?.unit, "nginx.service")
        XCTAssertEqual(report.unit?.room, 2)
        let text = CheckTextRenderer().render(report)
        XCTAssertTrue(
            text.contains(
                "--   the tightest pids level, /system.slice/nginx.service, is systemd unit nginx.service's TasksMax= (room for 2 more)"
            ), text)
        let fix = SystemdUnit.tasksMaxFix("nginx.service", n: "128")
        XCTAssertTrue(text.contains(fix), text)
        XCTAssertTrue(fix.contains("`systemctl set-property nginx.service TasksMax=128`"), fix)
        XCTAssertTrue(fix.contains("`systemctl edit nginx.service`, then `[Service]` `TasksMax=128`"), fix)
        // The same words as report's advice for a failure at that level.
        let advice = Classifier().classify(try nginx(max: 64, current: 64)).advice
        XCTAssertTrue(advice.contains { $0.contains(fix) }, "\(advice)")
        let json = try CheckJSONRenderer().render(report)
        XCTAssertTrue(json.contains("\"systemd_unit\" : {"), json)
        XCTAssertTrue(json.contains("\"unit\" : \"nginx.service\""), json)
    }

    /// explain's Tasks line gives the fix in the same words.
    func testExplainsTasksLineSharesTheFix() {
        let text =
            "● nginx.service - A high performance web server\n     Tasks: 64 (limit: 64)\nfork: Resource temporarily unavailable"
        let fixes = Explainer.explain(text).message.known?.fixes ?? []
        XCTAssertEqual(fixes.first, SystemdUnit.tasksMaxFix("nginx.service", n: "N"))
    }

    func testADefaultTasksMaxIsNamedAsOne() throws {
        // 15 % of min(threads-max 250000, pid_max − 1): systemd's default.
        let report = CheckReport(record: try nginx(max: 37500, current: 100))
        XCTAssertTrue(
            report.unit?.origin?.contains("DefaultTasksMax=15 %") ?? false, "\(String(describing: report.unit))")
    }

    func testALevelNoUnitOwnsIsNotNamed() throws {
        let pids = "[\(R.level("/batch-7", max: "64", current: 60)),\(R.level("/", current: 900))]"
        XCTAssertNil(CheckReport(record: try R.record(pids: pids)).unit)
        // A unit with more room than a plain level above it is not the one that binds.
        let above =
            "[\(R.level("/batch-7/x.service", max: "500", current: 10)),"
            + "\(R.level("/batch-7", max: "64", current: 60)),\(R.level("/", current: 900))]"
        XCTAssertNil(CheckReport(record: try R.record(pids: above)).unit)
    }
}
