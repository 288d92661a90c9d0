package dev.backtrack.cli;

import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.progress.ReplayProgress;
import dev.backtrack.core.progress.ReplayProgressTracker;
import java.io.PrintWriter;
import java.time.Duration;

/** Samples a rewind's replay every second and shows it until it is over or the follow timeout passes. */
final class ProgressFollower {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final ReplayProgressTracker tracker;
    private final Duration timeout;
    private final ProgressRenderer renderer;

    ProgressFollower(ClusterAdmin admin, Duration timeout, ProgressRenderer renderer) {
        this.tracker = new ReplayProgressTracker(admin);
        this.timeout = timeout;
        this.renderer = renderer;
    }

    /** Follows the rewind recorded as {@code rewind}; the exit code: OK when done, FAILED when it stopped following. */
    int follow(JournalEntry rewind, PrintWriter out, PrintWriter err) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ReplayProgress progress = tracker.sample(rewind);
            if (progress.done()) {
                renderer.done(out, progress);
                return BacktrackCli.OK;
            }
            if (System.nanoTime() - deadline >= 0) {
                renderer.stopped(out, err, progress, timeout);
                return BacktrackCli.FAILED;
            }
            renderer.progress(out, progress);
            try {
                Thread.sleep(Math.min(INTERVAL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                renderer.stopped(out, err, progress, timeout);
                return BacktrackCli.FAILED;
            }
        }
    }
}
