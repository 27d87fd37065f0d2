"""An LXC/LXD container on cgroup v1 as its process sees it (scenarios 125
and 160): its root filesystem, /proc, /sys, a tmpfs at /sys/fs/cgroup and
the pids and name=systemd hierarchies mounted at the container's own
cgroup root."""
from procfs import mountinfo


def lxc_v1_mounts(base, parent, root, dev, cgroup_root):
    """Mount ids from `base` (the root's, whose parent is `parent`), `root`
    the root filesystem as (device, path in it, source), `dev` the minor of
    the first of proc, sysfs and the tmpfs, `cgroup_root` where the
    hierarchies are rooted (`/` with a cgroup namespace)."""
    device, path, source = root
    return mountinfo(
        (base, parent, device, path, "/", "rw,relatime", "master:1", "ext4", source, "rw"),
        (base + 1, base, f"0:{dev}", "/", "/proc", "rw,nosuid,nodev,noexec,relatime", "", "proc", "proc", "rw"),
        (base + 10, base, f"0:{dev + 1}", "/", "/sys", "rw,nosuid,nodev,noexec,relatime", "", "sysfs", "sysfs",
         "rw"),
        (base + 20, base + 10, f"0:{dev + 2}", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec", "", "tmpfs",
         "tmpfs", "rw,mode=755"),
        (base + 21, base + 20, "0:29", cgroup_root, "/sys/fs/cgroup/pids", "rw,nosuid,nodev,noexec,relatime", "",
         "cgroup", "cgroup", "rw,pids"),
        (base + 22, base + 20, "0:24", cgroup_root, "/sys/fs/cgroup/systemd", "rw,nosuid,nodev,noexec,relatime",
         "", "cgroup", "cgroup", "rw,xattr,name=systemd"),
    )
