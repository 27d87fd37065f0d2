// Starts goroutines that each block in a system call, so the Go runtime
// needs one OS thread per goroutine, until it cannot create one and dies
// with "runtime: failed to create new OS thread". Go makes its clone
// system calls itself: a preloaded library never sees them.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

func main() {
	n := 200
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	for i := 0; i < n; i++ {
		go func() {
			// A blocking system call holds its thread; the runtime
			// starts another for the remaining goroutines.
			ts := syscall.Timespec{Sec: 30}
			syscall.Nanosleep(&ts, nil)
		}()
		time.Sleep(time.Millisecond)
	}
	fmt.Println("all goroutines started without a failure")
}
