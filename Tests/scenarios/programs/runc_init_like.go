// How runc starts runc init, reduced to what fails (docs/kernel-facts.md
// §11.123): the parent writes its bootstrap data into a socket pair whose
// parent end is named init-p, starts itself again as `init`, and that
// child is in the container's pids cgroup before its Go runtime makes a
// thread (runc moves runc init there while nsexec, C code, holds it; here
// a shell joins the cgroup and execs the child). Built with cgo, as runc
// is, so the runtime's threads come from pthread_create. With room the
// child reads the data and answers `ready`; at the cgroup's pids.max its
// runtime cannot start a thread, it aborts, and the parent's read finds
// the socket reset: runc's `read init-p: connection reset by peer`.
//
// Usage: runc_init_like CGROUP_DIR... (the parent), runc_init_like init (the child).
package main

// #include <unistd.h>
import "C"

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "init" {
		child()
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: runc_init_like CGROUP_DIR...")
		os.Exit(64)
	}
	os.Exit(parent(os.Args[1:]))
}

// child is runc init: it reads the bootstrap data and says it is ready.
func child() {
	sock := os.NewFile(3, "init-c")
	if _, err := bufio.NewReader(sock).ReadString('\n'); err != nil {
		fmt.Fprintln(os.Stderr, "init: read bootstrap:", err)
		os.Exit(1)
	}
	fmt.Fprintf(sock, "ready %d\n", C.getpid())
}

// parent is runc: the child joins every cgroup directory given (one per
// v1 hierarchy, as runc joins the container's pids and memory cgroups).
func parent(cgroups []string) int {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		fmt.Println("socketpair:", err)
		return 1
	}
	initP, initC := os.NewFile(uintptr(fds[1]), "init-p"), os.NewFile(uintptr(fds[0]), "init-c")
	// Written before the child exists, so that it is in the child's queue
	// whenever the child dies: a read then finds ECONNRESET, as runc's
	// does, and never the EPIPE of a write that came too late.
	if _, err := initP.Write([]byte("{\"bootstrap\":true}\n")); err != nil {
		fmt.Println("write init-p:", err)
		return 1
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Println("executable:", err)
		return 1
	}
	join := `self=$1; shift; for d; do echo $$ > "$d/cgroup.procs" || exit 1; done; exec "$self" init`
	cmd := exec.Command("/bin/sh", append([]string{"-c", join, "sh", self}, cgroups...)...)
	cmd.ExtraFiles = []*os.File{initC}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Println("start init:", err)
		return 1
	}
	initC.Close()
	line, readErr := bufio.NewReader(initP).ReadString('\n')
	waitErr := cmd.Wait()
	if readErr != nil {
		// runc's words for the same read (libcontainer/container_linux.go).
		fmt.Printf("starting container process caused: %v\n", readErr)
		fmt.Printf("runc init: %v\n", waitErr)
		return 1
	}
	fmt.Print(line)
	return 0
}
