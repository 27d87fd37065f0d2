import Foundation
import XCTest

@testable import ForkExplainCore

/// Proxmox VE's containers (docs/kernel-facts.md §11.143): PVE runs each CT
/// as LXC container VMID, its cgroup lxc/VMID and the payload in
/// lxc/VMID/ns (pve-container's `lxc.cgroup.dir.container = lxc/$vmid`,
/// `lxc.cgroup.dir.container.inner = ns`); the pids limit is a raw
/// `lxc.cgroup2.pids.max:` line of /etc/pve/lxc/VMID.conf.
final class ProxmoxCTTests: XCTestCase {
    typealias R = ContainerRecords
    let classifier = Classifier()

    func testVMIDsStartAt100AndCTIsTheDefaultHostname() {
        XCTAssertEqual(ProxmoxCT.vmid(lxcName: "6666", hostname: nil), "6666")
        XCTAssertEqual(ProxmoxCT.vmid(lxcName: nil, hostname: "CT105"), "105")
        XCTAssertNil(ProxmoxCT.vmid(lxcName: "99", hostname: nil))
        XCTAssertNil(ProxmoxCT.vmid(lxcName: "web1", hostname: "web1"))
        XCTAssertNil(ProxmoxCT.vmid(lxcName: nil, hostname: "CTX"))
        XCTAssertNil(ProxmoxCT.vmid(lxcName: "1234567890", hostname: nil))
    }

    /// A process's cgroup as the host shows it (USTC-vlab's maintenance
    /// notes: `0::/lxc/6666/ns/system.slice/lightdm.service`).
    func testTheHostsPathNamesTheCT() throws {
        let id = try R.identity(pids: #"[{"version":2,"path":"/lxc/6666/ns/system.slice/lightdm.service"}]"#)
        XCTAssertEqual(id.runtime, .lxc)
        XCTAssertEqual(id.lxcContainer, "6666")
        XCTAssertEqual(id.systemdUnit, "lightdm.service")
        XCTAssertEqual(id.workloadName, "Proxmox VE CT 6666 (LXC)")
    }

    /// Seen from the host: the CT's level lxc/101 is full, its payload
    /// lxc/101/ns says max. The fix is the CT's config; the write is the
    /// real file, given once.
    func testAFullCTLevelOnTheHostNamesItsConfig() throws {
        let advice = try R.hostPidsAdvice(
            [
                R.level("/lxc/101/ns/system.slice/apache2.service", current: 200, events: 0),
                R.level("/lxc/101/ns", current: 512, events: 0),
                R.level("/lxc/101", max: "512", current: 512, events: 3),
                R.level("/lxc", current: 530, events: 0),
            ], binding: "/lxc/101")
        let config = "`lxc.cgroup2.pids.max: 1024` to /etc/pve/lxc/101.conf"
        XCTAssertTrue(advice.contains { $0.contains(config) && $0.contains("pct stop 101") }, "\(advice)")
        XCTAssertTrue(advice.contains { $0.contains("echo 1024 > /sys/fs/cgroup/lxc/101/pids.max") })
        XCTAssertFalse(advice.contains { $0.contains("meanwhile") || $0.contains("/var/lib/lxc/101/config") })
    }

    /// Inside the CT: its cgroup namespace's root is lxc/VMID/ns, at max;
    /// the limit is the level above, which LXC's manager file and PVE's
    /// default hostname name.
    func testInsideACTTheLevelAboveIsTheCTs() throws {
        let record = try R.record(
            pids: "[\(R.level("/", current: 1003, events: 4))]",
            container: R.ownNs + #","manager":"lxc""#, host: "CT105")
        let verdict = classifier.classify(record)
        XCTAssertEqual(verdict.id, .cgroupPidsLimit)
        XCTAssertTrue(verdict.bindingLimit.name.hasPrefix("a level above"))
        XCTAssertTrue(
            verdict.advice.contains {
                $0.contains("/etc/pve/lxc/105.conf")
                    && $0.contains("meanwhile, as root on the host: `echo N > /sys/fs/cgroup/lxc/105/pids.max`")
            }, "\(verdict.advice)")
        XCTAssertFalse(verdict.advice.contains { $0.contains("/var/lib/lxc") })
    }

    /// An LXC container with a hostname of its own: LXC's, LXD/Incus's and
    /// PVE's places for the same limit.
    func testAnLXCContainerWithoutAVMIDGetsEveryLXCManager() throws {
        let record = try R.record(
            pids: "[\(R.level("/", current: 1003, events: 4))]", container: R.ownNs + #","manager":"lxc""#)
        let advice = classifier.classify(record).advice
        XCTAssertTrue(advice.contains { $0.contains("lxc-cgroup -n web1 pids.max") })
        XCTAssertTrue(advice.contains { $0.contains("incus config set web1 limits.processes") })
        XCTAssertTrue(advice.contains { $0.contains("/etc/pve/lxc/VMID.conf") && $0.contains("pct list") })
    }

    /// The kernel's line on a PVE host names the forking cgroup, in the
    /// CT's payload; its parent lxc/VMID gets PVE's fix.
    func testTheKernelsLineOnAPVEHostNamesTheCTsConfig() throws {
        let line = "[12345.678] cgroup: fork rejected by pids controller in /lxc/101/ns/system.slice/apache2.service"
        let cause = try XCTUnwrap(KernelPidsLine.cause(in: line))
        XCTAssertTrue(
            cause.fixes.contains {
                $0.hasPrefix("`/lxc/101`: Proxmox VE CT 101") && $0.contains("/etc/pve/lxc/101.conf")
            },
            "\(cause.fixes)")
    }

    /// check on the host: the CT's level is the tightest, named with
    /// report's fix and the host's own file.
    func testCheckNamesTheCTWhoseLimitIsTightest() throws {
        let pids = [
            R.level("/lxc/243/ns", current: 4, events: 0),
            R.level("/lxc/243", max: "4", current: 4, events: 1),
            R.level("/lxc", current: 10, events: 0),
        ]
        let report = CheckReport(record: try R.record(pids: "[" + pids.joined(separator: ",") + "]"))
        XCTAssertNil(report.unit)
        XCTAssertEqual(report.container?.name, "Proxmox VE CT 243")
        let text = CheckTextRenderer().render(report)
        XCTAssertTrue(
            text.contains(
                "--   the tightest pids level, /lxc/243, is Proxmox VE CT 243's pids limit (room for 0 more)"),
            text)
        XCTAssertTrue(text.contains("`lxc.cgroup2.pids.max: 68` to /etc/pve/lxc/243.conf"), text)
        XCTAssertTrue(text.contains("echo 68 > /sys/fs/cgroup/lxc/243/pids.max"), text)
        let json = try CheckJSONRenderer().render(report)
        XCTAssertTrue(json.contains("\"name\" : \"Proxmox VE CT 243\""), json)
    }
}
