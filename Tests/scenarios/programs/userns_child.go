// The start of RootlessKit's parent, reduced to what fails: re-execute
// itself as a child in new user and mount namespaces with os/exec, as
// rootless Docker does before any container exists, and say what the start
// returned in RootlessKit's words. With `containerd` it says it in
// containerd's, whose pod user namespaces start the same way (a no-op
// child of itself with CLONE_NEWUSER). With `child` it is that child: it exits.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		return
	}
	cmd := exec.Command("/proc/self/exe", "child")
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
	}
	if err := cmd.Start(); err != nil {
		if len(os.Args) > 1 && os.Args[1] == "containerd" {
			fmt.Fprintf(os.Stderr, "failed to create network namespace for sandbox: failed to start noop process for unshare: %v\n", err)
		} else {
			fmt.Fprintf(os.Stderr, "[rootlesskit:parent] error: failed to start the child: %v\n", err)
		}
		os.Exit(1)
	}
	if err := cmd.Wait(); err != nil {
		fmt.Fprintf(os.Stderr, "[rootlesskit:parent] error: child: %v\n", err)
		os.Exit(1)
	}
}
