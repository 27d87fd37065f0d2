"""A rootful podman container on cgroup v2 as its process sees it (scenarios
123 and 135): its own cgroup namespace, so its level shows as /, and the
bind mounts of podman's run directory, where the container's id shows."""
from eras import CG2_ALL, MEM_EVENTS_QUIET, container_mounts
from procfs import cgroup_files


def podman_v2_mounts(cid):
    """The container's cgroup2 mount and podman's hostname and
    .containerenv bind mounts from its run directory."""
    runroot = f"/run/containers/storage/overlay-containers/{cid}/userdata"
    tmpfs = "rw,seclabel,size=6500000k,nr_inodes=819200,mode=755,inode64"
    return container_mounts(
        [(1314, 1313, "0:27", "/", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime", "", "cgroup2", "cgroup2",
          "rw,seclabel,nsdelegate,memory_recursiveprot")],
        [(1315, 1310, "0:26", f"{runroot}/hostname", "/etc/hostname", "rw,nosuid,nodev", "", "tmpfs", "tmpfs", tmpfs),
         (1316, 1310, "0:26", f"{runroot}/.containerenv", "/run/.containerenv", "rw,nosuid,nodev", "", "tmpfs",
          "tmpfs", tmpfs)])


def podman_v2_pids_full(limit, events, memory_current):
    """The files of a podman container whose own level is at its pids
    limit (pids.events counting `events` refusals) with memory to spare,
    and the /run/.containerenv podman puts in every container."""
    tree = cgroup_files("sys/fs/cgroup", {"": {
        "cgroup.controllers": CG2_ALL, "pids.max": f"{limit}\n", "pids.current": f"{limit}\n",
        "pids.peak": f"{limit}\n", "pids.events": f"max {events}\n", "memory.max": "max\n",
        "memory.current": f"{memory_current}\n", "memory.events": MEM_EVENTS_QUIET}})
    tree["run/.containerenv"] = ""
    return tree
