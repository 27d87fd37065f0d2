// A chain of TASKS tasks on a thread pool, as a collector that fans out
// per topic does: each task submits the next, then waits SLEEP ms (a slow
// call). "cached" is Executors.newCachedThreadPool(), which starts a
// thread whenever none is idle; "fixed:N" a pool of N. A pool thread
// that cannot start the next one dies with HotSpot's error, which the
// JVM prints as "Exception in thread "pool-1-thread-M" ..."; the main
// thread then gives up once no task has finished for 5 s. Prints "ran
// TASKS tasks" when all ran.
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

public class ChainedPool {
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int tasks = Integer.parseInt(args[1]);
        long sleep = Long.parseLong(args[2]);
        ExecutorService pool = kind.equals("cached")
            ? Executors.newCachedThreadPool()
            : Executors.newFixedThreadPool(Integer.parseInt(kind.substring("fixed:".length())));
        CountDownLatch done = new CountDownLatch(tasks);
        pool.execute(new Link(pool, done, 1, tasks, sleep));
        // Ends when every task ran, or when none has finished for 5 s (a
        // pool thread that died of the error ended the chain).
        long left = done.getCount();
        long still = 0;
        while (left > 0 && still < 5000) {
            done.await(100, TimeUnit.MILLISECONDS);
            still = done.getCount() == left ? still + 100 : 0;
            left = done.getCount();
        }
        boolean all = left == 0;
        pool.shutdownNow();
        System.out.println(all ? "ran " + tasks + " tasks" : "ran " + (tasks - done.getCount()) + " of " + tasks);
        System.exit(all ? 0 : 1);
    }

    record Link(ExecutorService pool, CountDownLatch done, int index, int tasks, long sleep) implements Runnable {
        public void run() {
            if (index < tasks) {
                pool.execute(new Link(pool, done, index + 1, tasks, sleep));
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                return;
            }
            done.countDown();
        }
    }
}
