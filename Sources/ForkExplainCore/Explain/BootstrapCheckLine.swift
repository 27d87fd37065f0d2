/// Elasticsearch's (and OpenSearch's) bootstrap checks: at start, in
/// production mode, it compares its own RLIMIT_NPROC and the host's
/// vm.max_map_count with what it needs and refuses to start. Nothing has
/// failed yet; the line names the limit and both numbers (docs/kernel-facts.md §10.9).
enum BootstrapCheckLine {
    static func cause(in line: String) -> KnownCause? {
        let lower = line.lowercased()
        if let range = lower.range(of: "max number of threads ["), lower.contains("is too low") {
            let values = bracketed(String(lower[range.lowerBound...]))
            return threads(have: values.first, user: values.dropFirst().first, need: values.dropFirst(2).first)
        }
        if let range = lower.range(of: "vm.max_map_count ["), lower.contains("is too low") {
            let values = bracketed(String(lower[range.lowerBound...]))
            return mapCount(have: values.first, need: values.dropFirst().first)
        }
        return nil
    }

    private static func threads(have: String?, user: String?, need: String?) -> KnownCause? {
        guard let cause = CauseCatalog.causes["rlimit_nproc"] else { return nil }
        let need = need ?? "4096"
        let user = user ?? "elasticsearch"
        var reason =
            "Elasticsearch's bootstrap check read its own RLIMIT_NPROC (ulimit -u) as \(have ?? "?"), below the \(need) it requires, and refused to start before creating its thread pools."
        // Elasticsearch run by another product (FusionAuth's search runs as
        // user fusionauth) comes from that product's unit, not one named
        // elasticsearch (docs/kernel-facts.md §11.93).
        let own = ["elasticsearch", "opensearch"].contains(user)
        let unit = own ? user : "UNIT"
        var checks = [
            "systemctl show \(unit) -p LimitNPROC  # started as a service",
            "su -s /bin/sh \(user) -c 'ulimit -u'  # started from a login session",
        ]
        if !own {
            checks.insert(
                "grep -l 'User=\(user)' /etc/systemd/system/*.service /lib/systemd/system/*.service  # UNIT: the unit that starts it as \(user)",
                at: 0)
        }
        if let boot = have.flatMap({ Int64($0) }).flatMap(kernelBootDefault) {
            reason += " " + boot.reason
            checks.append(boot.check)
        }
        return KnownCause(
            cause: cause,
            summary: "a start-up check; nothing has failed yet", kind: .thread, errno: nil,
            reason: reason,
            checks: checks,
            fixes: [
                "A systemd service ignores /etc/security/limits.conf: `systemctl edit \(unit)`, then `[Service]` `LimitNPROC=\(need)`, and restart.",
                "Started from a login session: `\(user) - nproc \(need)` in /etc/security/limits.conf, then log in again.",
                "In Docker: `--ulimit nproc=\(need):\(need)` (compose: `ulimits: nproc: \(need)`).",
            ])
    }

    /// A limit nobody wrote: a service that systemd starts without
    /// LimitNPROC= (or DefaultLimitNPROC=) keeps PID 1's RLIMIT_NPROC, which
    /// the kernel set at boot to half of threads-max, itself RAM / 128 KiB
    /// with 16 KiB kernel stacks (docs/kernel-facts.md §1.2, §11.15). People write
    /// multiples of 1024; an odd number like 1861 is that boot value.
    private static func kernelBootDefault(_ limit: Int64) -> (reason: String, check: String)? {
        guard limit >= 10, limit % 1024 != 0 else { return nil }
        let threadsMax = limit * 2
        let mib = threadsMax * 128 / 1024
        return (
            "\(limit) looks like nobody's choice: it is what a process gets when nothing between PID 1 and it sets nproc, the kernel's boot value, half of kernel.threads-max (\(threadsMax) if so: a machine with about \(mib) MiB of RAM on x86-64). A service started by systemd gets it unless its unit sets LimitNPROC=, whatever /etc/security/limits.conf says.",
            "sysctl kernel.threads-max  # \(threadsMax) (2 × \(limit)): the limit is the kernel's boot value"
        )
    }

    private static func mapCount(have: String?, need: String?) -> KnownCause? {
        guard let cause = CauseCatalog.causes["map_count_limit"] else { return nil }
        let need = need ?? "262144"
        return KnownCause(
            cause: cause,
            summary: "a start-up check; nothing has failed yet", kind: .unknown, errno: nil,
            reason:
                "Elasticsearch's bootstrap check read vm.max_map_count as \(have ?? "?"), below the \(need) it requires for its memory-mapped index files. It is one setting for the whole host: a container cannot change it.",
            checks: ["sysctl vm.max_map_count"],
            fixes: [
                "On the host (for a container: the Docker host, the Docker Desktop or WSL VM, the Kubernetes node): `sysctl -w vm.max_map_count=\(need)`, and `vm.max_map_count = \(need)` in /etc/sysctl.d/99-elasticsearch.conf to keep it.",
                "On Kubernetes without node access: a privileged init container that runs `sysctl -w vm.max_map_count=\(need)` (the OpenSearch operator's `setVMMaxMapCount: true` adds one); or `node.store.allow_mmap: false`, which drops the need at some speed.",
            ])
    }

    /// The contents of each `[...]`, in order.
    private static func bracketed(_ text: String) -> [String] {
        var values: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            values.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return values
    }
}
