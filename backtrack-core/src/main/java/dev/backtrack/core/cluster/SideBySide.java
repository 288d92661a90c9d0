package dev.backtrack.core.cluster;

import dev.backtrack.core.RewindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends one request per item side by side on a bounded number of threads, instead of one after the other, and
 * collects the answers in the items' order. The first failure is thrown as the request raised it (it names the broker
 * and queue); the requests not yet sent then are not sent.
 */
final class SideBySide {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private SideBySide() {
    }

    /** The answer of {@code request} for each item, in the items' order, at most {@code threads} at a time. */
    static <T, R> List<R> each(List<T> items, int threads, Function<T, R> request) {
        if (items.size() < 2 || threads < 2) {
            List<R> answers = new ArrayList<>(items.size());
            items.forEach(item -> answers.add(request.apply(item)));
            return answers;
        }
        String name = "backtrack-requests-" + POOLS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), runnable -> {
            Thread thread = new Thread(runnable, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            items.forEach(item -> futures.add(pool.submit(() -> request.apply(item))));
            List<R> answers = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new RewindException("A request to the cluster failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewindException("Interrupted while waiting for the cluster's answers", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
