/// One frame of the failing call's caller, innermost first.
public struct BacktraceFrame: Sendable, Encodable, Hashable {
    var addr: String?
    var module: String?
    /// The address in the module's ELF virtual address space, as
    /// `llvm-symbolizer --obj=MODULE OFFSET` takes it.
    var offset: String?
    /// Hex of the module's `NT_GNU_BUILD_ID`: what the symbolizer checks the
    /// file on this machine against.
    var buildId: String?

    // Keys as the shim spells them, so the decoder needs no key strategy:
    // converting every key of every record was most of the cost of reading a log.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case addr, module, offset
        case buildId = "build_id"
    }

    /// Keys of this section that nothing here reads: known, not decoded.
    static let unreadKeys: Set<String> = []

    init(addr: String? = nil, module: String? = nil, offset: String? = nil, buildId: String? = nil) {
        self.addr = addr
        self.module = module
        self.offset = offset
        self.buildId = buildId
    }
}
