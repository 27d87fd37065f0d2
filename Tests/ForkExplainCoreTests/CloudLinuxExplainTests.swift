import XCTest

@testable import ForkExplainCore

/// `explain` on CloudLinux shared hosting (docs/kernel-facts.md §11.164,
/// §11.165): a 508 page or mod_hostinglimits' "Error on LVE enter" is the
/// LVE's entry processes and no refused task; a task's failure in a text
/// that names CloudLinux gets the LVE's NPROC and its owner beside the
/// program's rule; the common phrase "resource limit is reached" alone
/// names nothing.
final class CloudLinuxExplainTests: XCTestCase {
    private let lveNote = "each user's processes run in the user's LVE"

    /// https://pastebin.com/9VSgKHhi: an Apache error log of a cPanel
    /// server, verbatim: EP full, errno 7 (E2BIG).
    func testModHostinglimitsErrorOnLVEEnterIsEntryProcessesAndNoTask() {
        let text =
            "[Sat Oct 10 08:32:37 2015] [error] mod_hostinglimits:Error on LVE enter: LVE(32533) HANDLER(fcgid-script) HOSTNAME(webtreemediasol.com) URL(/client-demo/ramsis-haspitality/index.php) TID(959441) errno (7) Read more: http://e.cloudlinux.com/MHL-E2BIG"
        let message = Explainer.explain(text).message
        XCTAssertEqual(message.program, "CloudLinux mod_hostinglimits (entry processes)")
        XCTAssertEqual(
            message.notATask, "the user's LVE entry processes (EP): a web request could not enter the user's LVE")
        XCTAssertTrue(
            message.notes.contains { $0.contains("--maxEntryProcs=N") && $0.contains("E2BIG") }, "\(message.notes)")
        XCTAssertTrue(Explainer.explain(text).causes.isEmpty)
    }

    /// The page a visitor sees (networkdynamics.com's "508 – Resource
    /// Limit is Reached"), with its code.
    func testThe508PageIsEntryProcesses() {
        for text in ["508 Resource Limit Is Reached", "<title>508 – Resource Limit is Reached</title>"] {
            XCTAssertEqual(
                Explainer.explain(text).message.program, "CloudLinux mod_hostinglimits (entry processes)", text)
        }
    }

    /// FreeBSD's soabort() comment says "a resource limit is reached" too:
    /// without the 508 it is no CloudLinux page, and the fork's failure stays.
    func testTheCommonPhraseAloneIsNotThePage() {
        let text = """
            such as when a
            resource limit is reached (listen queue depth exceeded)
            fork: Resource temporarily unavailable
            """
        let message = Explainer.explain(text).message
        XCTAssertNil(message.notATask)
        XCTAssertNotEqual(message.program, "CloudLinux mod_hostinglimits (entry processes)")
        XCTAssertFalse(message.notes.contains { $0.contains(lveNote) })
    }

    /// bash in cPanel's Terminal on a CloudLinux 7 kernel (its release as
    /// `uname -r` prints it on shared hosts).
    func testBashsForkOnACloudLinuxKernelNamesTheLVE() {
        let text = """
            -bash: fork: retry: Resource temporarily unavailable
            -bash: fork: Resource temporarily unavailable
            $ uname -r
            3.10.0-962.3.2.lve1.5.81.el7.x86_64
            """
        assertExplains(
            text, program: "bash", kind: .process, errno: "EAGAIN", first: "cgroup_pids_limit", says: lveNote)
        XCTAssertTrue(
            Explainer.explain(text).message.notes.contains { $0.contains("lvectl set-user USER --nproc=N") })
    }

    /// https://github.com/rubygems/bundler/issues/4367: Bundler's report
    /// on a host whose Ruby is CloudLinux's alt-ruby (/opt/alt/ruby21).
    func testRubysThreadErrorUnderCloudLinuxsAltRubyNamesTheLVE() {
        let text = """
            ThreadError: can't create Thread: Resource temporarily unavailable
              GEM_PATH  /home/plncikande/rubyvenv/app/2.1:/opt/alt/ruby21/lib/ruby/gems/2.1.0
            """
        assertExplains(
            text, program: "Ruby (MRI)", kind: .thread, errno: "EAGAIN", first: "cgroup_pids_limit", says: lveNote)
    }
}
