/// The VM or sandbox a text names, whose memory and kernel limits are set
/// outside the Linux that printed it (docs/kernel-facts.md §11.160–§11.163).
/// Each marker is a kernel release, a runtime's or a tool's own name.
extension HostingHint {
    static let virtualMachines = [wsl2, dockerDesktop, gVisor, colima, rancherDesktop, podmanMachine, microVM]

    /// WSL 2's kernel releases end -microsoft-standard (4.19) or
    /// -microsoft-standard-WSL2 (5.10 on); .wslconfig is its settings file.
    static let wsl2 = HostingHint(
        markers: ["-microsoft-standard", ".wslconfig"],
        note:
            "The text comes from WSL 2 (a -microsoft-standard kernel): its Linux is a VM whose memory and swap Windows gives it, \(GuestVM.wslconfigMemory). A fork or thread refused with memory short there is the VM's memory, not the Windows machine's; kernel.threads-max is computed at the VM's boot from that memory, and a `sysctl -w` inside lasts until `wsl --shutdown` (docs/kernel-facts.md §11.160).",
        firstCauses: [], wholeWords: true)

    static let dockerDesktop = HostingHint(
        markers: ["linuxkit", "docker desktop"],
        note:
            "The text comes from Docker Desktop (a LinuxKit kernel, or Docker Desktop named): its containers run in one Linux VM whose memory is Settings → Resources → Advanced, \"Memory limit\" and \"Swap\", then Apply & restart; with the WSL 2 backend on Windows that pane has no memory field and .wslconfig's `memory=` and `swap=` set it. A container's `--pids-limit` (compose `pids_limit:`) is its own and no VM setting changes it (docs/kernel-facts.md §11.161).",
        firstCauses: [], wholeWords: true)

    static let gVisor = HostingHint(
        markers: ["gvisor", "runsc"],
        note:
            "The text comes from a gVisor sandbox (runsc): its kernel is gVisor's sentry, whose /proc is its own (MemTotal at least 2 GiB whatever the sandbox was given, no task count in /proc/loadavg), so free and top inside say little about what refused. Its memory is the container's or pod's limit where runsc runs. Tasks: the sentry numbers them 1 to 65,536 in each PID namespace and refuses past that with EAGAIN, which nothing raises, and it enforces `ulimit -u` itself; the host's pids limit counts runsc's own threads, and at it the sandbox dies rather than a fork failing (docs/kernel-facts.md §11.162, §11.187).",
        firstCauses: [], wholeWords: true)

    static let colima = HostingHint(
        markers: ["colima"],
        note:
            "The text comes from Colima: its containers run in a Lima VM whose memory is `colima start --memory N` (GiB, 2 by default) or `memory:` in the profile's colima.yaml, applied at `colima stop` and start (docs/kernel-facts.md §11.161).",
        firstCauses: [], wholeWords: true)

    static let rancherDesktop = HostingHint(
        markers: ["rancher desktop", "rancher-desktop"],
        note:
            "The text comes from Rancher Desktop: on macOS and Linux its containers run in a VM whose memory is Preferences → Virtual Machine → Memory (\"The amount of memory to allocate to Rancher Desktop\"); a fork or thread refused with memory short there is that VM's (docs/kernel-facts.md §11.161).",
        firstCauses: [], wholeWords: true)

    static let podmanMachine = HostingHint(
        markers: ["podman machine", "podman-machine-default"],
        note:
            "The text comes from a podman machine: its containers run in a VM whose memory is `podman machine set --memory N` (MiB; podman documents it for QEMU machines), with the machine stopped, or `--memory` at `podman machine init` (docs/kernel-facts.md §11.161).",
        firstCauses: [], wholeWords: true)

    /// Kata's runtime and shim names, and Firecracker's own.
    static let microVM = HostingHint(
        markers: ["kata-runtime", "containerd-shim-kata", "io.containerd.kata", "firecracker"],
        note:
            "The text comes from a microVM (Kata Containers or Firecracker): the container's Linux is a guest kernel with the memory its VM was booted with (Kata: `default_memory`, MiB, in its configuration.toml; Firecracker: `mem_size_mib` of the machine configuration, 128 MiB unless set, before boot), so an ENOMEM there can be the guest really out of memory while the host has plenty (docs/kernel-facts.md §11.163).",
        firstCauses: [], wholeWords: true)
}
