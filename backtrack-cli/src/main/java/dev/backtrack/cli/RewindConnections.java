package dev.backtrack.cli;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The cluster connections of one {@code rewind}, opened side by side rather than one after the other: the admin
 * client, the journal (its entries read at once, for the coverage check, and later appended to) and, when the rewind
 * may be applied, the control channel. Closing shuts every client down in the background.
 */
final class RewindConnections implements AutoCloseable {

    private final RocketMqAdmin admin;
    private final CompletableFuture<RewindJournal> journal;
    private final CompletableFuture<List<JournalEntry>> entries;
    private final CompletableFuture<ControlChannel> channel;

    private RewindConnections(RocketMqAdmin admin, CompletableFuture<RewindJournal> journal,
            CompletableFuture<ControlChannel> channel) {
        this.admin = admin;
        this.journal = journal;
        this.entries = journal.thenApply(RewindJournal::entries);
        this.channel = channel;
    }

    /**
     * Starts the journal and the admin client together, then the control channel (when {@code withChannel}) while the
     * caller plans with the admin client. Fails only when the admin client cannot start.
     */
    static RewindConnections open(AdminSettings settings, String journalTopic, String controlTopic,
            boolean withChannel) {
        CompletableFuture<RewindJournal> journal = inBackground("backtrack-journal-open", () -> new RewindJournal(
                settings.nameServer(), RocketMqAdmin.rpcHook(settings), journalTopic));
        RocketMqAdmin admin;
        try {
            admin = new RocketMqAdmin(settings);
        } catch (RuntimeException e) {
            journal.thenAccept(RewindJournal::close);
            throw e;
        }
        CompletableFuture<ControlChannel> channel = withChannel
                ? inBackground("backtrack-control-open", () -> new ControlChannel(admin, controlTopic))
                : CompletableFuture.failedFuture(new IllegalStateException("no control channel was opened"));
        return new RewindConnections(admin, journal, channel);
    }

    /** The admin client. */
    RocketMqAdmin admin() {
        return admin;
    }

    /** The journal's entries, oldest first; throws what opening or reading the journal threw. */
    List<JournalEntry> journalEntries() {
        return join(entries);
    }

    /** The journal, open for appending; throws what opening it threw. */
    RewindJournal journal() {
        return join(journal);
    }

    /** The control channel; throws what opening it threw. */
    ControlChannel channel() {
        return join(channel);
    }

    /**
     * Applies the plan in place through the control topic (instances with the starter), through the brokers when the
     * control topic cannot be opened or an instance does not answer within {@code ackTimeout}.
     */
    FleetRewind rewindEveryInstance(RewindPlan plan, Duration ackTimeout, String actor) {
        ControlChannel opened;
        try {
            opened = channel();
        } catch (RewindException e) {
            AppliedRewind applied = new RewindApplier(admin).apply(plan);
            return new FleetRewind(applied, List.of(), List.of(), "the control topic could not be opened ("
                    + e.getMessage() + "), so no instance was ordered to rewind in place: " + applied.path().note());
        }
        return new FleetRewinder(admin, opened, ackTimeout).apply(plan, actor);
    }

    /** Shuts every client down in the background, those still opening as soon as they are open. */
    @Override
    public void close() {
        channel.thenAccept(ControlChannel::close);
        journal.thenAccept(RewindJournal::close);
        admin.close();
    }

    /** Runs {@code task} on a daemon thread of its own; a JVM exit does not wait for it. */
    static <T> CompletableFuture<T> inBackground(String name, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The value, or the task's own exception (unchecked ones as they are). */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while opening a connection to the cluster", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
                    : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
