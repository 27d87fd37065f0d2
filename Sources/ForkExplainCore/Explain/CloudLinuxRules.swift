/// CloudLinux shared hosting (docs/kernel-facts.md §11.164 to §11.166):
/// what its web server prints when a user's LVE is full, and where a
/// pasted text says it ran on CloudLinux. Part of `ProgramCatalog` and
/// `HostingHint`.
enum CloudLinuxRules {
    /// The user's LVE, its NPROC and how its owner raises it: said for any
    /// text that names CloudLinux and a task's errno.
    static let lveNote =
        "The text comes from a CloudLinux server (shared hosting under cPanel, Plesk or DirectAdmin): each user's processes run in the user's LVE, whose limits the host sets per user or per hosting package and which neither `ulimit -u` nor the server's free memory shows. NPROC counts every process and thread of the user, web, cron and ssh alike (CloudLinux's typical account: 100), and refuses the next one with EAGAIN or ENOMEM (on CloudLinux 6 and 7 it is a numproc beancounter, whose errno depends on how the kernel charges it); EP counts the requests and sessions that enter the LVE (20), and refuses the entry (lve_enter: E2BIG, Apache's 508), never a fork; PMEM its resident memory (1 GB), over which its processes are killed. The user sees the counts and faults on cPanel's Resource Usage page; root on the server with `lvectl list`, `lveinfo --by-fault=nproc --period=1d` or /proc/lve/list. Root raises them with `lvectl set-user USER --nproc=N --pmem=NM` (or the user's package) or the panel's CloudLinux (LVE) Manager, keeping NPROC above EP + 15; a customer asks the host for a plan with more (docs/kernel-facts.md §11.164)."

    /// mod_hostinglimits' log line, and the 508 page a visitor sees: no
    /// task was refused, the request was not let into the LVE (§11.165).
    /// "Resource limit is reached" alone is too common a phrase: the page's
    /// only with its 508.
    static let rules: [ProgramRule] = [
        ProgramRule(
            program: program, anyOf: ["error on lve enter", "mhl-e2big"], notATask: notATask, note: epNote),
        ProgramRule(
            program: program, anyOf: ["resource limit is reached"], allOf: ["508"], notATask: notATask,
            note: epNote),
    ]

    private static let program = "CloudLinux mod_hostinglimits (entry processes)"
    private static let notATask =
        "the user's LVE entry processes (EP): a web request could not enter the user's LVE"
    private static let epNote =
        "508 \"Resource Limit Is Reached\" is CloudLinux's answer when a site's user already has EP requests in its LVE: Apache's mod_hostinglimits (or LiteSpeed's equivalent) could not put the request into the user's LVE and served the 508 page instead; its error log says `mod_hostinglimits:Error on LVE enter: LVE(UID) ... errno (7)`, E2BIG (CloudLinux's FAQ: the user \"was limited to a number of concurrent connections\"). No process or thread was refused: EP counts entries, not processes, and NPROC is a different limit. Slow PHP holding requests (a plugin, a backup, xmlrpc.php or wp-login floods) fills it; root sees the faults with `lveinfo --period=1d --by-fault=mep --display-username` and raises it with `lvectl set-user USER --maxEntryProcs=N` (or the user's package, or the panel's CloudLinux (LVE) Manager), keeping NPROC above EP + 15; a customer asks the host or finds the slow requests in the access log (docs/kernel-facts.md §11.165)."
}

extension HostingHint {
    /// A text that names CloudLinux: its kernel release (`3.10.0-962.3.2.lve1.5.81.el7`),
    /// its tools, its module and its alternative runtimes under /opt/alt.
    static let cloudLinux = HostingHint(
        markers: [
            "cloudlinux", ".lve1.", "lvectl", "lveinfo", "/proc/lve/", "mod_hostinglimits", "cagefs",
            "/opt/alt/php", "/opt/alt/python", "/opt/alt/ruby", "/opt/alt/alt-nodejs",
        ],
        note: CloudLinuxRules.lveNote,
        firstCauses: ["cgroup_pids_limit"])
}
