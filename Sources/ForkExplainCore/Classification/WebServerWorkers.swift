/// A web or application server refused a worker by a pids limit (a unit's
/// TasksMax=, a container's pids limit): Apache httpd and PHP-FPM ask for
/// as many tasks as their own settings say, all at start or as load
/// grows, and leak nothing (docs/kernel-facts.md §11.83–§11.85). The fix
/// weighs those settings against the limit, with the limit's numbers,
/// not a leak hunt.
struct WebServerWorkers {
    enum Server: Equatable {
        /// Apache's prefork MPM: a process per worker.
        case apacheProcesses
        /// Apache's worker or event MPM: ThreadsPerChild threads per child.
        case apacheThreads
        /// Apache whose MPM the record does not show (a fork, no frames).
        case apache
        /// PHP-FPM's master: a process per child, up to pm.max_children.
        case phpFPM
    }

    let server: Server
    /// The binding level's pids.max.
    let limit: Int64
    /// What the limit is called: pids.max, or OpenVZ's numproc (§11.170).
    var limitName = "pids.max"

    /// Debian names the binary apache2, the rest httpd; PHP-FPM's master
    /// is php-fpm, or php-fpmX.Y as Debian installs it.
    static func finding(_ context: FailureContext, limit: Int64, limitName: String = "pids.max") -> WebServerWorkers? {
        guard limit > 0, let comm = context.record.process?.comm else { return nil }
        if comm == "apache2" || comm == "httpd" {
            return WebServerWorkers(server: apacheMPM(context), limit: limit, limitName: limitName)
        }
        if comm.hasPrefix("php-fpm"), context.kind == .process {
            return WebServerWorkers(server: .phpFPM, limit: limit, limitName: limitName)
        }
        return nil
    }

    /// A refused thread is a threaded MPM's; a refused fork is prefork's
    /// when its module is on the stack (the event MPM forks children too).
    private static func apacheMPM(_ context: FailureContext) -> Server {
        if context.kind == .thread { return .apacheThreads }
        let modules = (context.record.backtrace ?? []).compactMap(\.module)
        if modules.contains(where: { $0.hasSuffix("mod_mpm_prefork.so") }) { return .apacheProcesses }
        if modules.contains(where: { $0.hasSuffix("mod_mpm_event.so") || $0.hasSuffix("mod_mpm_worker.so") }) {
            return .apacheThreads
        }
        return .apache
    }

    /// Apache's default ThreadsPerChild (worker and event MPMs).
    static let defaultThreadsPerChild: Int64 = 25

    /// The threaded MPM's sizes that fit: while it starts, each child is
    /// ThreadsPerChild workers, its main thread, its listener and the
    /// thread that starts them (which then exits), beside the parent.
    var threadedFit: (threads: Int64, children: Int64)? {
        guard limit >= 5 else { return nil }
        let threads = Swift.min(Self.defaultThreadsPerChild, limit - 4)
        return (threads, Swift.max(1, (limit - 1) / (threads + 3)))
    }

    var evidence: String {
        switch server {
        case .apacheProcesses:
            return
                "the failing process is Apache httpd's parent with the prefork MPM: it forks one process per worker, up to MaxRequestWorkers (capped by ServerLimit), so \(limitName) \(limit) holds the parent and at most \(limit - 1) workers, fewer by whatever else runs under it"
        case .apacheThreads:
            return
                "the failing process is Apache httpd with a threaded MPM (event or worker): each child starts ThreadsPerChild worker threads (default \(Self.defaultThreadsPerChild)) beside its main and listener threads and the one that starts them, so up to ServerLimit × (ThreadsPerChild + 3) + 1 tasks against \(limitName) \(limit); a child that cannot start them all exits, and httpd gives up when none started"
        case .apache:
            return
                "the failing process is Apache httpd's parent: with prefork it holds one process per worker (up to MaxRequestWorkers), with event or worker ThreadsPerChild + 3 tasks per child, against \(limitName) \(limit)"
        case .phpFPM:
            return
                "the failing process is PHP-FPM's master: it forks one process per child, up to pm.max_children in each pool (all of them at start with `pm = static`, and it exits when one is refused then), so \(limitName) \(limit) holds the master and at most \(limit - 1) children, fewer by whatever else runs under it"
        }
    }

    var advice: String {
        let workers = limit - 1
        let prefork =
            "`MaxRequestWorkers \(workers)` and `ServerLimit \(workers)` (prefork; StartServers and MinSpareServers no higher)"
        var threaded = "a threaded MPM needs \(limitName) of at least 5"
        if let fit = threadedFit {
            threaded =
                "`ThreadsPerChild \(fit.threads)`, `ServerLimit \(fit.children)`, `StartServers \(fit.children)` and `MaxRequestWorkers \(fit.threads * fit.children)` (event or worker: \(fit.children) × (\(fit.threads) + 3) + 1 tasks ≤ \(limit))"
        }
        let whatElse =
            "; subtract what else runs under the limit (mod_php's or a CGI's children, piped loggers), or raise the limit to what the settings need"
        switch server {
        case .apacheProcesses:
            return "Or size Apache to the limit: \(prefork)\(whatElse)."
        case .apacheThreads:
            return "Or size Apache to the limit: \(threaded)\(whatElse)."
        case .apache:
            return "Or size Apache to the limit: \(prefork), or \(threaded)\(whatElse)."
        case .phpFPM:
            return
                "Or size the pools to the limit: `pm.max_children = \(workers)` across all pools (`pm.start_servers`, `pm.min_spare_servers` and `pm.max_spare_servers` no higher); subtract what else runs under the limit (the web server, when it shares the container or unit) and the threads an extension starts, or raise the limit to what pm.max_children needs."
        }
    }
}
