// A worker pool started as tokio's blocking pool starts its threads: one
// std::thread::Builder::spawn per worker, and a panic that prints the
// io::Error's Display when the OS refuses one ("OS can't spawn worker
// thread: ..."). Only the standard library: it builds with rustc alone.
use std::thread;

fn main() {
    let workers: Vec<_> = (0..2)
        .map(|i| {
            thread::Builder::new()
                .name(format!("tokio-runtime-worker-{i}"))
                .spawn(|| ())
                .unwrap_or_else(|e| panic!("OS can't spawn worker thread: {}", e))
        })
        .collect();
    for w in workers {
        w.join().expect("worker panicked");
    }
}
