import ForkExplainLive
import XCTest

/// `hidepid=` read from mountinfo's super options of the proc mount at
/// /proc (proc(5)): only a value that hides counts.
final class LiveProcViewTests: XCTestCase {
    private func mountinfo(_ superOptions: String, at point: String = "/proc") -> String {
        """
        22 1 0:21 / /sys rw,nosuid - sysfs sysfs rw
        23 1 0:22 / \(point) rw,nosuid,nodev,noexec,relatime shared:12 - proc proc \(superOptions)
        """
    }

    func testTheProcMountsHidepid() {
        XCTAssertEqual(LiveProcView.hidepid(mountinfo: mountinfo("rw,hidepid=2,gid=27")), "2")
        XCTAssertEqual(LiveProcView.hidepid(mountinfo: mountinfo("rw,hidepid=invisible")), "invisible")
        XCTAssertNil(LiveProcView.hidepid(mountinfo: mountinfo("rw,hidepid=0")))
        XCTAssertNil(LiveProcView.hidepid(mountinfo: mountinfo("rw,hidepid=off")))
        XCTAssertNil(LiveProcView.hidepid(mountinfo: mountinfo("rw")))
        XCTAssertNil(LiveProcView.hidepid(mountinfo: mountinfo("rw,hidepid=2", at: "/srv/proc")), "not /proc")
    }

    /// A proc mounted over /proc (a private mount namespace's, as scenario
    /// 239 makes) is listed after the boot's: its options are the ones
    /// in force. gid= is read beside hidepid=.
    func testTheLastProcMountedAtProcAndItsGid() {
        let stacked = mountinfo("rw") + "\n" + "65 46 0:39 / /proc rw,relatime - proc proc rw,hidepid=invisible,gid=27"
        XCTAssertEqual(LiveProcView.hidepid(mountinfo: stacked), "invisible")
        XCTAssertEqual(LiveProcView.procOptions(mountinfo: stacked).gid, 27)
        let uncovered = "65 46 0:39 / /proc rw - proc proc rw,hidepid=2\n" + mountinfo("rw")
        XCTAssertNil(LiveProcView.hidepid(mountinfo: uncovered), "the later mount covers the hidepid one")
        XCTAssertNil(LiveProcView.procOptions(mountinfo: mountinfo("rw,hidepid=2")).gid)
    }

    /// This machine's own mountinfo parses, whatever it says.
    func testThisMachinesMountinfo() throws {
        let text = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        let own = LiveProcView.hidepid(mountinfo: text)
        XCTAssertEqual(LiveProcView.take().hidepid, own)
    }
}
