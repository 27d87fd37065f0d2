// The start of RootlessKit's parent, reduced to what fails: re-execute
// itself as a child in new user and mount namespaces with os/exec, as
// rootless Docker does before any container exists, and say what the start
// returned in RootlessKit's words. With `child` it is that child: it exits.
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
		fmt.Fprintf(os.Stderr, "[rootlesskit:parent] error: failed to start the child: %v\n", err)
		os.Exit(1)
	}
	if err := cmd.Wait(); err != nil {
		fmt.Fprintf(os.Stderr, "[rootlesskit:parent] error: child: %v\n", err)
		os.Exit(1)
	}
}
