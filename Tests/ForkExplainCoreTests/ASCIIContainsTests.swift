import Foundation
import XCTest

@testable import ForkExplainCore

/// The byte searches that stand in for Foundation's on every record give
/// Foundation's answers (docs/performance.md, "The reader's CPU:
/// Foundation's searches per record").
final class ASCIIContainsTests: XCTestCase {
    private let texts = [
        "", "l", "linuxki", "linuxkit", "5.10.47-linuxkit", "linuxkit-5.10", "xlinuxkitx", "linuxkxlinuxkit",
        "5.15.133.1-microsoft-standard-WSL2", "4.19.104-microsoft-standar", "-microsoft-standard",
        "/var/lib/incus/storage-pools/default/containers/web1/rootfs", "/var/snap/lxd/common/lxd/storage-pools/p",
        "/srv/var/lib/lxd/x", "/var/lib/lx", "/storage-pools/", "/storage-pool/",
        // Past ASCII: Foundation's search answers these.
        "5.10.47-linuxkit-é", "é5.10.47-linuxkit", "linuxki\u{301}t", "linuxkit\u{301}", "ünicode",
        "/var/lib/incus/é/", "/var/lib/incus\u{301}/",
    ]
    private let needles: [StaticString] = [
        "linuxkit", "-microsoft-standard", "/storage-pools/", "/var/lib/incus/", "/var/snap/lxd/", "/var/lib/lxd/",
        "l",
    ]

    func testTheByteSearchAnswersAsFoundationDoes() {
        for text in texts {
            for needle in needles {
                XCTAssertEqual(
                    text.containsASCII(needle), text.contains(needle.description), "\(text) contains \(needle)")
            }
        }
    }

    func testABridgedStringIsSearchedToo() {
        // Not native contiguous UTF-8 storage: Foundation's path, same answer.
        let bridged = NSString(string: "5.10.47-linuxkit") as String
        XCTAssertTrue(bridged.containsASCII("linuxkit"))
        XCTAssertFalse(bridged.containsASCII("-microsoft-standard"))
    }

    func testTheLVEKernelScanAnswersAsItsRegularExpressionDid() {
        let releases = [
            "2.6.32-896.16.1.lve1.4.53.el6.x86_64", "3.10.0-962.3.2.lve1.5.81.el7.x86_64", "5.15.0-91-generic",
            "6.1.0-solve.1", ".lve0", "lve1", ".lve", ".lvex1", "..lve9", "x.lv.lve3", ".LVE1", ".lve١", "é.lve2",
            ".lve2\u{301}", "", ".", ".l", "a.lvea.lve7",
        ]
        for release in releases {
            XCTAssertEqual(
                LVEKernelNote.isLVEKernel(release),
                release.range(of: #"\.lve[0-9]"#, options: .regularExpression) != nil, release)
        }
    }
}
