// A worker pool started as tokio's blocking pool starts its threads: one
// std::thread::Builder::spawn per worker, and a panic that prints the
// io::Error's Display when the OS refuses one ("OS can't spawn worker
// thread: ..."). Arguments: the number of workers (default 2), and `std`
// to start them with thread::spawn instead, whose own panic prints the
// error's Debug form ("failed to spawn thread: Os { code: 11, kind:
// WouldBlock, ... }", as vaultwarden's pools do). Every worker waits until
// all are started, so that they count together against a task limit.
// Only the standard library: it builds with rustc alone.
use std::sync::mpsc;
use std::thread;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2);
    let plain = args.get(2).map(String::as_str) == Some("std");
    let workers: Vec<_> = (0..count)
        .map(|i| {
            let (hold, wait) = mpsc::channel::<()>();
            let work = move || {
                // Ends when main drops `hold`, once every worker has started.
                let _ = wait.recv();
            };
            let handle = if plain {
                thread::spawn(work)
            } else {
                thread::Builder::new()
                    .name(format!("tokio-runtime-worker-{i}"))
                    .spawn(work)
                    .unwrap_or_else(|e| panic!("OS can't spawn worker thread: {}", e))
            };
            (hold, handle)
        })
        .collect();
    for (hold, handle) in workers {
        drop(hold);
        handle.join().expect("worker panicked");
    }
}
