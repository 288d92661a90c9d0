package dev.backtrack.cli;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.operation.ClusterSession;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The cluster connections of one {@code rewind}, opened side by side rather than one after the other: the admin
 * client, the journal (its latest entries looked up for the coverage check, and later appended to) and, when the
 * rewind may be applied, the control channel. Closing shuts every client down in the background.
 */
final class RewindConnections implements ClusterSession {

    private final RocketMqAdmin admin;
    private final String journalTopic;
    private final CompletableFuture<RewindJournal> journal;
    private final CompletableFuture<ControlChannel> channel;
    private final Duration ackTimeout;
    private volatile String withoutFleet = "no control topic";

    private RewindConnections(RocketMqAdmin admin, String journalTopic, CompletableFuture<RewindJournal> journal,
            CompletableFuture<ControlChannel> channel, Duration ackTimeout) {
        this.admin = admin;
        this.journalTopic = journalTopic;
        this.journal = journal;
        this.channel = channel;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Starts the journal and the admin client together, then the control channel (when {@code withChannel}) while the
     * caller plans with the admin client; instances get {@code ackTimeout} to acknowledge an in-place rewind. Fails
     * only when the admin client cannot start.
     */
    static RewindConnections open(AdminSettings settings, String journalTopic, String controlTopic,
            boolean withChannel, Duration ackTimeout) {
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
        return new RewindConnections(admin, journalTopic, journal, channel, ackTimeout);
    }

    @Override
    public RocketMqAdmin admin() {
        return admin;
    }

    @Override
    public List<JournalEntry> journalEntries() {
        return join(journal).entries();
    }

    @Override
    public List<JournalEntry> recentEntries(String group, String topic) {
        return join(journal).recent(group, topic);
    }

    @Override
    public JournalEntry record(JournalEntry entry) {
        return writableJournal().append(entry);
    }

    /** The journal, its topic created first when missing, for appending; throws what opening it threw. */
    RewindJournal writableJournal() {
        RewindJournal.createTopicIfMissing(admin, journalTopic);
        return join(journal);
    }

    /**
     * The rewinder over the control topic (instances with the starter move in place); empty when the control topic
     * cannot be opened, or was not opened because the command only plans.
     */
    @Override
    public Optional<FleetRewinder> fleetRewinder() {
        try {
            return Optional.of(new FleetRewinder(admin, join(channel), ackTimeout));
        } catch (RewindException | IllegalStateException e) {
            withoutFleet = "the control topic could not be opened (" + e.getMessage()
                    + "), so no instance was ordered to rewind in place";
            return Optional.empty();
        }
    }

    @Override
    public String withoutFleet() {
        return withoutFleet;
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
