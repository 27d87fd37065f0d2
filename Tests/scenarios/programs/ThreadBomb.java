// Starts parked threads until the JVM cannot start one more, then reports
// HotSpot's own error text and exits. Bounded by its argument.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

public class ThreadBomb {
    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                Thread t = new Thread(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            System.out.println("started " + threads.size() + " threads without a failure");
        } catch (OutOfMemoryError e) {
            System.out.println("after " + threads.size() + " threads: " + e);
        } finally {
            release.countDown();
        }
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
