/// The VM or sandbox whose Linux a record was taken in, when the record
/// itself says so (docs/kernel-facts.md §11.160–§11.162, §11.203). Its memory, swap
/// and boot-time sysctls are set outside it, in a file or a settings pane of
/// the machine that runs the VM, so a fix written for a Linux host (add RAM,
/// `sysctl -w` and persist it) points at the wrong place.
struct GuestVM: Sendable, Hashable {
    enum Platform: String, Sendable, Hashable, Encodable {
        case wsl2
        case wsl1
        case dockerDesktop = "docker_desktop"
        case gVisor = "gvisor"
        case colima
        case lima
        case rancherDesktop = "rancher_desktop"
        case awsLambda = "aws_lambda"

        /// Where the Linux runs, for the workload line.
        var place: String {
            switch self {
            case .wsl2: "the WSL 2 VM"
            case .wsl1: "WSL 1 (no Linux kernel)"
            case .dockerDesktop: "Docker Desktop's Linux VM"
            case .gVisor: "a gVisor sandbox"
            case .colima: "the Colima VM"
            case .lima: "a Lima VM"
            case .rancherDesktop: "Rancher Desktop's Lima VM"
            case .awsLambda: "an AWS Lambda execution environment"
            }
        }
    }

    var platform: Platform
    /// What a person reads: "the WSL 2 VM".
    var name: String { platform.place }
    /// How the record shows it, with the value read.
    var evidence: String
    /// Where the VM's memory and swap are set.
    var memoryFix: String
    /// Where kernel.pid_max and kernel.threads-max of the VM are set, and
    /// how long a `sysctl -w` inside it lasts.
    var sysctlFix: String
    /// For a platform whose own task quota no file inside shows: what to
    /// do about it, beside whatever limit the record names.
    var quotaFix: String? = nil

    /// Platforms where no figure read inside is the one that refused, or
    /// where a quota of the platform's own may have: every verdict says so.
    var notesEveryVerdict: Bool { figuresAreNotTheKernels || platform == .awsLambda }

    /// No Linux kernel counts what /proc shows: WSL 1 translates the calls
    /// in Windows, gVisor's sentry makes its own /proc up.
    var figuresAreNotTheKernels: Bool { platform == .wsl1 || platform == .gVisor }

    /// From the kernel release (`uname -r`, or a fixture tree's
    /// /proc/sys/kernel/osrelease) and, for a VM whose kernel is a
    /// distribution's, the host name it gives itself when the process runs
    /// in it rather than in a container of its own.
    static func of(kernel: String?, host: String?, contained: Bool) -> GuestVM? {
        if let kernel, let found = ofKernel(kernel, contained: contained) { return found }
        if let host, !contained, host == "colima" || host.hasPrefix("colima-") {
            return colima(host)
        }
        // Lima names its VM's host lima-INSTANCE (identifierutil
        // HostnameFromInstName); Rancher Desktop's instance shows as
        // lima-rancher-desktop (§11.203).
        if let host, !contained, host == "lima-rancher-desktop" { return rancherDesktop(host) }
        if let host, !contained, host.hasPrefix("lima-"), host.count > 5 { return lima(host) }
        return nil
    }

    static func of(_ record: LogRecord) -> GuestVM? {
        of(record, contained: ContainerIdentity(record: record).isContained)
    }

    static func of(_ record: LogRecord, contained: Bool) -> GuestVM? {
        if let found = of(kernel: record.kernel, host: record.host, contained: contained) { return found }
        // Lambda's kernel is no marker; its managed runtimes' programs are
        // in /var/lang and the function's own in /var/task.
        if let exe = record.process?.exe, exe.hasPrefix("/var/lang/") || exe.hasPrefix("/var/task/") {
            return awsLambda(exe)
        }
        return nil
    }

    private static func ofKernel(_ kernel: String, contained: Bool) -> GuestVM? {
        // WSL 2's kernels: 4.19.104-microsoft-standard, then
        // 5.15.133.1-microsoft-standard-WSL2. WSL 1 has no Linux kernel: its
        // release is 4.4.0-<Windows build>-Microsoft.
        if kernel.containsASCII("-microsoft-standard") { return wsl2(kernel, contained: contained) }
        if kernel.hasSuffix("-Microsoft") { return wsl1(kernel) }
        if kernel.containsASCII("linuxkit") { return dockerDesktop(kernel) }
        // gVisor's sentry answers uname with its own release: exactly 4.4.0
        // (a real 4.4 kernel has a suffix: 4.4.0-21-generic), or 4.19.0-gvisor.
        if kernel == "4.4.0" || kernel.hasSuffix("-gvisor") { return gVisor(kernel) }
        return nil
    }

    static let wslconfigMemory =
        "`memory=` (its RAM; 50 % of Windows' memory by default) and `swap=` (25 % of Windows' memory rounded up to a GB by default) under [wsl2] in %UserProfile%\\.wslconfig on Windows, then `wsl --shutdown` and start the distribution again: the file is read when the VM starts"

    private static func wsl2(_ kernel: String, contained: Bool) -> GuestVM {
        let docker =
            contained
            ? " Docker Desktop's WSL 2 backend runs its containers in this VM too, and then its own Resources settings have no memory field: Windows manages it through .wslconfig."
            : ""
        return GuestVM(
            platform: .wsl2,
            evidence:
                "kernel \(kernel) is Microsoft's WSL 2 kernel: this Linux is the WSL 2 utility VM on a Windows machine, whose memory, swap and processors are set from Windows, not from inside (docs/kernel-facts.md §11.160)",
            memoryFix:
                "The VM's memory is WSL's to give: \(wslconfigMemory). Then check that `free -h` in the VM shows the new total: a .wslconfig without its [wsl2] line, or saved as UTF-16 with a byte-order mark, is not applied.\(docker) A `--memory` limit of a container in it cannot exceed what the VM has.",
            sysctlFix:
                "kernel.pid_max and kernel.threads-max are the WSL 2 VM's: threads-max is computed at its boot from the memory .wslconfig gives it, and a `sysctl -w` inside lasts until the VM stops (`wsl --shutdown`, or the idle timeout): persist it in /etc/sysctl.d/ with systemd on (`[boot]` `systemd=true` in /etc/wsl.conf) or as a `[boot]` `command=` in /etc/wsl.conf, which WSL runs as root when the instance starts."
        )
    }

    private static func wsl1(_ kernel: String) -> GuestVM {
        GuestVM(
            platform: .wsl1,
            evidence:
                "kernel \(kernel) is WSL 1's: no Linux kernel runs, Windows translates the calls, so the Linux limits read here are not what refused (microsoft/WSL#4509: RLIMIT_NPROC was not enforced there, fixed in WSL 2; docs/kernel-facts.md §11.160)",
            memoryFix:
                "Under WSL 1 the memory is Windows' own: close what uses it on Windows, or run the distribution as WSL 2, whose VM has limits Linux sees and enforces.",
            sysctlFix:
                "WSL 1 has no Linux kernel whose kernel.pid_max or threads-max could be raised: run the distribution as WSL 2."
        )
    }

    private static func dockerDesktop(_ kernel: String) -> GuestVM {
        GuestVM(
            platform: .dockerDesktop,
            evidence:
                "kernel \(kernel) is a LinuxKit kernel: Docker Desktop's Linux VM on a Mac or in Hyper-V mode on Windows, whose memory and swap are Docker Desktop's settings, not this Linux's (docs/kernel-facts.md §11.161)",
            memoryFix:
                "The VM's memory is Docker Desktop's: Settings → Resources → Advanced, \"Memory limit\" (up to 50 % of the host's memory by default) and \"Swap\" (1 GB by default), then Apply & restart; every container shares it, and a `--memory` limit cannot exceed it.",
            sysctlFix:
                "kernel.pid_max and kernel.threads-max are the LinuxKit VM's; Docker Desktop's settings have no field for them, and threads-max is computed at the VM's boot from its memory, so a larger \"Memory limit\" raises it. A container's own `--pids-limit` (compose `pids_limit:`) is unchanged by any of these."
        )
    }

    private static func gVisor(_ kernel: String) -> GuestVM {
        GuestVM(
            platform: .gVisor,
            evidence:
                "kernel \(kernel) is what gVisor's sentry (runsc) reports, not the host's kernel: its /proc is the sentry's own (its /proc/meminfo's MemTotal is at least 2 GiB and raised past what is in use, so MemFree never reaches 0; its /proc/loadavg counts no tasks), so the memory and task figures read here are not the host's: what refuses a task is the sentry's own limits (its task numbers, RLIMIT_NPROC) or the memory its container was given outside the sandbox (docs/kernel-facts.md §11.162, §11.187)",
            memoryFix:
                "The sandbox's memory is what its container or pod was given where runsc runs (`docker run --memory`, the pod's `resources.limits.memory`, a Cloud Run service's memory limit on its first-generation environment, which is gVisor): raise it there; the MemTotal seen inside does not say it.",
            sysctlFix: gVisorTaskLimits,
            quotaFix: gVisorTaskLimits
        )
    }

    /// The sentry's own task limits (docs/kernel-facts.md §11.187): thread
    /// IDs run out per PID namespace, RLIMIT_NPROC is its own, and the
    /// host's pids limit meets runsc's threads, not the sandbox's tasks.
    static let gVisorTaskLimits =
        "gVisor's sentry numbers tasks itself, 1 to 65,536 in each PID namespace (its TasksLimit; a process group's or session's number is held too): with none free, fork, clone and pthread_create get EAGAIN, and nothing raises it; newer sentries show it as kernel.pid_max 65536, older ones have no pid_max file, and none has threads-max. The sentry enforces RLIMIT_NPROC itself (EAGAIN), so `ulimit -u` inside holds. The host's pids limit on the container counts runsc's own threads, not the sandbox's tasks: at it the sentry dies (\"failed to create new OS thread\"), no call inside gets EAGAIN; raise it (`--pids-limit`, the pod's pid limit) for that."

    private static func colima(_ host: String) -> GuestVM {
        GuestVM(
            platform: .colima,
            evidence:
                "host name \(host) is the one Colima gives its Lima VM (`colima`, or `colima-PROFILE`): this Linux is a VM on a Mac or Linux desktop (docs/kernel-facts.md §11.161)",
            memoryFix:
                "The VM's memory is Colima's: `colima stop`, then `colima start --memory N` (GiB; 2 by default), or `memory:` in the profile's colima.yaml under ~/.colima/.",
            sysctlFix:
                "kernel.pid_max and threads-max are the Colima VM's: threads-max is computed at its boot from the memory Colima gives it; a `sysctl -w` inside lasts until the VM stops."
        )
    }

    private static func lima(_ host: String) -> GuestVM {
        let instance = String(host.dropFirst("lima-".count))
        return GuestVM(
            platform: .lima,
            evidence:
                "host name \(host) is the one Lima gives its VM (lima-INSTANCE, dots and underscores as dashes): this Linux is Lima instance \(instance)'s VM on a Mac or Linux desktop (docs/kernel-facts.md §11.203)",
            memoryFix:
                "The VM's memory is Lima's: `memory:` in the instance's lima.yaml (`limactl edit \(instance)`), read when it starts: `limactl stop \(instance)` and `limactl start \(instance)`.",
            sysctlFix:
                "kernel.pid_max and threads-max are the Lima VM's: threads-max is computed at its boot from the memory Lima gives it; a `sysctl -w` inside lasts until the VM stops (a provision script in lima.yaml can set it at every start)."
        )
    }

    private static func rancherDesktop(_ host: String) -> GuestVM {
        GuestVM(
            platform: .rancherDesktop,
            evidence:
                "host name \(host) is Rancher Desktop's Lima VM (its Kubernetes node shows the same name): this Linux is the VM Rancher Desktop runs on a Mac or Linux desktop (docs/kernel-facts.md §11.203)",
            memoryFix:
                "The VM's memory is Rancher Desktop's: Preferences → Virtual Machine → Memory, applied when Rancher Desktop restarts the VM.",
            sysctlFix:
                "kernel.pid_max and threads-max are Rancher Desktop's VM's: threads-max is computed at its boot from the memory Rancher Desktop gives it; a `sysctl -w` inside lasts until the VM stops (Rancher Desktop's provisioning scripts can set it at every start)."
        )
    }

    private static func awsLambda(_ exe: String) -> GuestVM {
        GuestVM(
            platform: .awsLambda,
            evidence:
                "the program is \(exe): /var/lang holds Lambda's managed runtimes and /var/task the function's code, so this ran in an AWS Lambda execution environment, which holds at most 1,024 processes and threads together whatever its memory setting; AWS does not say by what it enforces it, so the limit the record names may not be the one that refused (docs/kernel-facts.md §11.116, §11.163)",
            memoryFix:
                "The environment's memory is the function's memory setting (MemorySize in its configuration): raise it there; an invocation that passes it is ended.",
            sysctlFix:
                "Lambda's kernel settings are not the function's to change: at most 1,024 processes and threads hold there whatever they say.",
            quotaFix:
                "Lambda's 1,024 processes and threads cannot be increased, and the environment is frozen and reused between invocations: join or cancel what an invocation starts before it returns, bound the pools, or move the work to a service without the quota (ECS, EC2)."
        )
    }
}
