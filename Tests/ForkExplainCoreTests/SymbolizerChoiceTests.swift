import Foundation
import XCTest

@testable import ForkExplainCore

/// The newest installed llvm-symbolizer is run unless FORKEXPLAIN_SYMBOLIZER
/// names one: fake installs in a temporary directory, on a PATH built here.
final class SymbolizerChoiceTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "forkexplain-choice-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// An executable at `path` (under root) that prints `version` for `--version`.
    @discardableResult
    func fake(_ path: String, version: String = "", body: String? = nil) throws -> String {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let script = body ?? "echo 'LLVM (http://llvm.org/):'; echo '  LLVM version \(version)'"
        try "#!/bin/sh\n\(script)\n".write(toFile: full, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(full, 0o755), 0)
        return full
    }

    func choice(path: [String], override: String? = nil) -> SymbolizerChoice {
        var environment = ["PATH": path.map { root + "/" + $0 }.joined(separator: ":")]
        environment["FORKEXPLAIN_SYMBOLIZER"] = override
        var choice = SymbolizerChoice(environment: environment)
        choice.libraryRoot = root + "/lib"
        return choice
    }

    /// A Debian-like machine: the unversioned name a link to LLVM 14's,
    /// llvm-symbolizer-17 on PATH, LLVM 19 only under lib, and a Swift
    /// toolchain of LLVM 21 whose directory is not on PATH (its swift is linked).
    func testTheNewestInstalledOneIsChosen() throws {
        let fourteen = try fake("lib/llvm-14/bin/llvm-symbolizer", body: "exit 1")
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/bin/llvm-symbolizer", withDestinationPath: fourteen)
        let seventeen = try fake("bin/llvm-symbolizer-17", body: "exit 1")
        let nineteen = try fake("lib/llvm-19/bin/llvm-symbolizer", body: "exit 1")
        try fake("toolchain/usr/bin/swift", body: "exit 1")
        let toolchain = try fake("toolchain/usr/bin/llvm-symbolizer", version: "21.0.0")
        try FileManager.default.createDirectory(atPath: root + "/local", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/local/swift", withDestinationPath: root + "/toolchain/usr/bin/swift")

        XCTAssertEqual(choice(path: ["bin", "local"]).executable(), toolchain)
        XCTAssertEqual(choice(path: ["bin"]).executable(), nineteen)
        try FileManager.default.removeItem(atPath: nineteen)
        XCTAssertEqual(choice(path: ["bin"]).executable(), seventeen)
        try FileManager.default.removeItem(atPath: seventeen)
        XCTAssertEqual(choice(path: ["bin"]).executable(), root + "/bin/llvm-symbolizer")
        XCTAssertEqual(
            choice(path: ["bin"]).candidates(), [root + "/bin/llvm-symbolizer"], "the link and its target once")
    }

    /// Versions read from --version: 21 over 14 whatever PATH's order; the
    /// same version goes to the first on PATH; one that does not answer
    /// (hangs, is killed) ranks below every one that does.
    func testVersionsAreReadFromTheExecutable() throws {
        let old = try fake("a/llvm-symbolizer", version: "14.0.6")
        let new = try fake("b/llvm-symbolizer", version: "21.0.0")
        let same = try fake("c/llvm-symbolizer", version: "21.0.0")
        let mute = try fake("d/llvm-symbolizer", body: "exec sleep 100000")
        XCTAssertEqual(choice(path: ["a", "b"]).executable(), new)
        XCTAssertEqual(choice(path: ["b", "a"]).executable(), new)
        XCTAssertEqual(choice(path: ["c", "b"]).executable(), same)
        let start = ContinuousClock.now
        XCTAssertEqual(choice(path: ["d", "a"]).executable(), old)
        XCTAssertLessThan(start.duration(to: .now), .seconds(10), "a symbolizer that hangs is cut off")
        XCTAssertEqual(choice(path: ["d"]).executable(), mute, "still the only one")
        XCTAssertNil(choice(path: ["nowhere"]).executable())
    }

    func testTheOverrideWins() throws {
        let old = try fake("a/llvm-symbolizer", version: "14.0.6")
        try fake("b/llvm-symbolizer", version: "21.0.0")
        let named = try fake("b/my-symbolizer", version: "9.0.0")
        XCTAssertEqual(choice(path: ["a", "b"], override: old).executable(), old)
        XCTAssertEqual(choice(path: ["a", "b"], override: "my-symbolizer").executable(), named, "a name, on PATH")
        XCTAssertNil(choice(path: ["a", "b"], override: root + "/none").executable(), "not another one instead")
        XCTAssertNil(choice(path: ["a"], override: "my-symbolizer").executable())
        XCTAssertEqual(
            choice(path: ["a", "b"], override: "").executable(), root + "/b/llvm-symbolizer", "empty: unset")
        var environment = ["PATH": root + "/b", "FORKEXPLAIN_SYMBOLIZER": old]
        XCTAssertEqual(LLVMSymbolizer(environment: environment)?.executable, old)
        environment["FORKEXPLAIN_SYMBOLIZER"] = root + "/none"
        XCTAssertNil(LLVMSymbolizer(environment: environment))
    }

    /// What a report says ran (`Symbolizer.name`): the one chosen and its
    /// version as the choice knew it (from --version, its path or its
    /// name), the override marked; none: frames are addresses.
    func testTheReportSaysWhichRan() throws {
        let toolchain = try fake("toolchain/usr/bin/llvm-symbolizer", version: "21.0.0")
        let seventeen = try fake("bin/llvm-symbolizer-17", body: "exit 1")
        let debian = try fake("opt/llvm-14/bin/llvm-symbolizer", body: "exit 1")
        let mute = try fake("mute/llvm-symbolizer", body: "exit 1")
        func named(_ path: [String], override: String? = nil) -> String? {
            choice(path: path, override: override).chosen().map {
                SymbolizerChoice.name(path: $0.path, version: $0.version, named: $0.named)
            }
        }
        XCTAssertEqual(named(["toolchain/usr/bin", "bin"]), "\(toolchain) (LLVM 21.0.0)")
        XCTAssertEqual(named(["bin"]), "\(seventeen) (LLVM 17)")
        XCTAssertEqual(named(["nowhere"], override: debian), "\(debian) (LLVM 14, named by FORKEXPLAIN_SYMBOLIZER)")
        XCTAssertEqual(named(["mute"]), mute, "no version known: the path alone")
        XCTAssertEqual(named(["toolchain/usr/bin"], override: mute), "\(mute) (named by FORKEXPLAIN_SYMBOLIZER)")
        XCTAssertNil(named(["nowhere"]))
        XCTAssertEqual(
            LLVMSymbolizer(environment: ["FORKEXPLAIN_SYMBOLIZER": debian])?.name,
            "\(debian) (LLVM 14, named by FORKEXPLAIN_SYMBOLIZER)", "what the report is given")
        XCTAssertEqual(NoSymbolizer().name, "none found: frames are addresses")
    }

    /// Symbolizers of LLVM 15 on fetch from DEBUGINFOD_URLS on their own,
    /// unbounded: the one run never sees it; the rest of the environment, it does.
    func testTheSymbolizerIsRunWithoutDebuginfodURLs() throws {
        let tell = try fake("a/llvm-symbolizer", body: "echo \"urls=${DEBUGINFOD_URLS-unset} lang=$LANG\"")
        let environment = [
            "FORKEXPLAIN_SYMBOLIZER": root + "/a/llvm-symbolizer", "DEBUGINFOD_URLS": "http://127.0.0.1:9",
            "LANG": "C.UTF-8",
        ]
        let symbolizer = try XCTUnwrap(LLVMSymbolizer(environment: environment))
        XCTAssertEqual(symbolizer.executable, tell)
        XCTAssertEqual(symbolizer.run(input: "\"/bin/sh\" 0x10\n"), "urls=unset lang=C.UTF-8\n")
    }

    func testVersionText() {
        XCTAssertEqual(
            SymbolizerChoice.version(
                inVersionText: "llvm-symbolizer\nDebian LLVM version 14.0.6\n  Optimized build.\n"),
            [14, 0, 6])
        XCTAssertEqual(
            SymbolizerChoice.version(
                inVersionText: "llvm-symbolizer\nLLVM (http://llvm.org/):\n  LLVM version 21.0.0\n"),
            [21, 0, 0])
        XCTAssertNil(SymbolizerChoice.version(inVersionText: "GNU addr2line (GNU Binutils) 2.40"))
        XCTAssertEqual(SymbolizerChoice.version(fromName: "llvm-symbolizer-18"), [18])
        XCTAssertNil(SymbolizerChoice.version(fromName: "llvm-symbolizer-old"))
    }

    /// LLVM 15 on write `>>` where LLVM 14 and c++filt write `> >`: the
    /// report writes the older form whichever ran; operators stay whole.
    func testNamesAreTheSameWhicheverLLVMDemangled() {
        let fourteen =
            "std::thread::_M_start_thread(std::unique_ptr<std::thread::_State, std::default_delete<std::thread::_State> >, void (*)())"
        let later =
            "std::thread::_M_start_thread(std::unique_ptr<std::thread::_State, std::default_delete<std::thread::_State>>, void (*)())"
        XCTAssertEqual(DemangledName.canonical(later), fourteen)
        XCTAssertEqual(DemangledName.canonical(fourteen), fourteen)
        XCTAssertEqual(DemangledName.canonical("f(A<B<C<int>>>)"), "f(A<B<C<int> > >)")
        for name in [
            "std::istream::operator>>(int&)", "X::operator>>=(int)", "operator>(A, B)", "getpid",
            "std::ostream::operator<<(int)",
        ] {
            XCTAssertEqual(DemangledName.canonical(name), name)
        }
        XCTAssertEqual(DemangledName.canonical("bool operator>><A<int>>(S&)"), "bool operator>><A<int> >(S&)")
        XCTAssertEqual(DemangledName.canonical("my_operator<A<int>>"), "my_operator<A<int> >")
    }
}
