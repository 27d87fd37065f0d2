/// Proxmox VE's containers (`pct`): LXC containers named by their VMID,
/// whose limits live in /etc/pve/lxc/VMID.conf (docs/kernel-facts.md §11.143).
enum ProxmoxCT {
    /// The VMID that names a container: PVE gives LXC the VMID as the
    /// container's name (its cgroup is lxc/VMID, the payload in lxc/VMID/ns)
    /// and, when no hostname is set, the hostname CT<VMID>. VMIDs start at 100.
    static func vmid(lxcName: String?, hostname: String?) -> String? {
        if let lxcName, isVMID(lxcName) { return lxcName }
        if let hostname, hostname.hasPrefix("CT") {
            let id = String(hostname.dropFirst(2))
            if isVMID(id) { return id }
        }
        return nil
    }

    static func isVMID(_ text: String) -> Bool {
        guard (3...9).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return Int(text).map { $0 >= 100 } ?? false
    }

    /// The fix for CT `vmid`'s pids limit. pct has no option for it; the
    /// config keeps raw `lxc.cgroup*` keys, written `key: value`. `live`
    /// adds the write of the running container's file, at PVE's path, for
    /// a reader who does not see the host's own path of it.
    static func advice(vmid: String, version: Int?, n: String, live: Bool) -> String {
        let key = version == 1 ? "lxc.cgroup.pids.max" : "lxc.cgroup2.pids.max"
        var line =
            "Proxmox VE CT \(vmid): add `\(key): \(n)` to /etc/pve/lxc/\(vmid).conf on the host (pct has no option for a pids limit; the file keeps raw lxc.cgroup keys), then `pct stop \(vmid) && pct start \(vmid)`"
        if live {
            let file = version == 1 ? "/sys/fs/cgroup/pids/lxc/\(vmid)/pids.max" : "/sys/fs/cgroup/lxc/\(vmid)/pids.max"
            line += "; meanwhile, as root on the host: `echo \(n) > \(file)`"
        }
        return line + "."
    }

    /// For an LXC container whose VMID is not known: where PVE keeps the same key.
    static func elsewhere(version: Int?, n: String) -> String {
        let key = version == 1 ? "lxc.cgroup.pids.max" : "lxc.cgroup2.pids.max"
        return
            "On Proxmox VE: `\(key): \(n)` in /etc/pve/lxc/VMID.conf on the host (`pct list` gives the VMID beside the container's hostname), then `pct stop VMID && pct start VMID`."
    }
}
