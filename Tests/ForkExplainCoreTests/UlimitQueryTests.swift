import XCTest

@testable import ForkExplainCore

/// A pasted `$ ulimit -u` whose number is on the next line: the soft
/// RLIMIT_NPROC of that shell (docs/kernel-facts.md §11.103). Only the line
/// right after the command is its output.
final class UlimitQueryTests: XCTestCase {
    func testTheNumberOnTheLineAfterTheCommand() {
        XCTAssertEqual(PrintedNPROC.soft(in: "$ ulimit -u\n4096\n"), "4096")
        XCTAssertEqual(PrintedNPROC.soft(in: "[root@web1 ~]# ulimit -su\r\n1024"), "1024", "`-Su`, lowercased")
        XCTAssertEqual(PrintedNPROC.soft(in: "deploy@ci:~$ ulimit -u\nunlimited"), "unlimited")
        XCTAssertEqual(PrintedNPROC.soft(in: "ulimit -u\n  63432  "), "63432", "no prompt copied")
        XCTAssertEqual(PrintedNPROC.soft(in: "$ ulimit -s -u\n4096"), "4096")
    }

    /// The number must be the command's own output.
    func testANumberThatIsNotItsOutputIsNotTaken() {
        let notItsOutput: [(text: String, why: String)] = [
            ("$ ulimit -u\n$ nproc\n8", "another command intervenes"),
            ("$ ulimit -u\n\n4096", "a blank line is not its output"),
            ("$ ulimit -u\nbash: ulimit: error\n4096", "a message came instead"),
            ("$ ulimit -hu\n8192", "the hard limit is not the one in force"),
            ("$ ulimit -u 100\n4096", "a value sets it; the next line is not its"),
            ("run ulimit -u\n4096", "a Dockerfile line, not a prompt"),
            ("$ ulimit -u\n4096 tasks", "not a number alone"),
            ("$ ulimit -n\n1024", "open files"),
            ("$ ulimit -u", "nothing printed after it"),
        ]
        for (text, why) in notItsOutput {
            XCTAssertNil(PrintedNPROC.soft(in: text), why)
        }
    }

    /// `ulimit -a`'s labelled line is read as before, not the line after
    /// the command.
    func testUlimitAListingStaysRight() {
        let listing = """
            $ ulimit -a
            core file size          (blocks, -c) 0
            max user processes              (-u) 127855
            virtual memory          (kbytes, -v) unlimited
            """
        XCTAssertEqual(PrintedNPROC.soft(in: listing.lowercased()), "127855")
        XCTAssertNil(PrintedNPROC.soft(in: "$ ulimit -a\n0"), "-a asks for every limit")
    }

    func testExplainPutsTheLimitFirstOrRulesItOut() {
        let small = Explainer.explain("$ ulimit -u\n4096\n$ ./build.sh\nbash: fork: Resource temporarily unavailable")
        XCTAssertEqual(small.causes.first?.id, "rlimit_nproc")
        XCTAssertTrue(small.message.notes.contains { $0.contains("soft limit to 4096") }, "\(small.message.notes)")
        let unlimited = Explainer.explain("$ ulimit -u\nunlimited\nbash: fork: Resource temporarily unavailable")
        XCTAssertFalse(unlimited.causes.contains { $0.id == "rlimit_nproc" }, "\(unlimited.causes.map(\.id))")
        // nproc's 8 CPUs are not a process limit.
        let other = Explainer.explain("$ ulimit -u\n$ nproc\n8\nbash: fork: Resource temporarily unavailable")
        XCTAssertFalse(other.message.notes.contains { $0.contains("soft limit to 8") }, "\(other.message.notes)")
    }
}
