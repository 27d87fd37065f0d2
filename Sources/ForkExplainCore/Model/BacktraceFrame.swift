/// One frame of the failing call's caller, innermost first.
public struct BacktraceFrame: Sendable, Codable, Hashable {
    public var addr: String?
    public var module: String?
    /// The address in the module's ELF virtual address space, as
    /// `llvm-symbolizer --obj=MODULE OFFSET` takes it.
    public var offset: String?
    public var buildId: String?

    public init(addr: String? = nil, module: String? = nil, offset: String? = nil) {
        self.addr = addr
        self.module = module
        self.offset = offset
    }
}
