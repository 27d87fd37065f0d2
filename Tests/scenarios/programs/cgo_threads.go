// A Go program built with cgo, as dockerd and most Go daemons that use the
// C resolver or libc are: the runtime then makes its OS threads with the C
// library's pthread_create (runtime/cgo), which a preloaded library wraps,
// and when that keeps failing it aborts with "runtime/cgo: pthread_create
// failed: Resource temporarily unavailable". Its goroutines block in system
// calls, so the runtime needs a thread for each.
package main

// #include <unistd.h>
import "C"

import (
	"fmt"
	"syscall"
	"time"
)

func main() {
	fmt.Println("pid", C.getpid())
	for i := 0; i < 8; i++ {
		go func() {
			ts := syscall.Timespec{Sec: 5}
			syscall.Nanosleep(&ts, nil)
		}()
	}
	time.Sleep(200 * time.Millisecond)
	fmt.Println("started")
}
