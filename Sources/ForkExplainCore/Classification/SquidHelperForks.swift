/// Squid's main process refused a helper's fork by the overcommit check:
/// the commit verdict stands, and Squid's own settings are the other
/// fix, since its cache_mem is what each fork is charged
/// (docs/kernel-facts.md §11.112, §11.126).
enum SquidHelperForks {
    /// A fork (a copy of the address space) by a process named squid;
    /// Squid 4 and later rename argv, not comm, for their kids.
    static func applies(_ context: FailureContext) -> Bool {
        context.copiesAddressSpace && context.record.process?.comm == "squid"
    }

    static let evidence = "the failing process is Squid: \(ProgramForkFacts.squidForks)"

    static let advice =
        "Or shrink what Squid's forks are charged: \(ProgramForkFacts.squidFixes) (docs/kernel-facts.md §11.112)."
}
