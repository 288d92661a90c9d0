package dev.backtrack.console.cluster;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.progress.ReplayProgressTracker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's connections to its cluster, opened on first use and kept: one admin client, the journal, and (when
 * the application has no control channel of its own to lend) a control channel for in-place rewinds.
 */
public class ConsoleCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsoleCluster.class);

    private final Supplier<AdminSettings> settings;
    private final String journalTopic;
    private final String controlTopic;
    private final ApplicationFleet applicationControl;
    private @Nullable RocketMqAdmin admin;
    private @Nullable RewindJournal journal;
    private @Nullable ControlChannel channel;
    private @Nullable ReplayProgressTracker progress;

    /**
     * Connects with the settings {@code settings} gives at first use; {@code applicationControl} lends the
     * application's fleet rewinder when it has one.
     */
    public ConsoleCluster(Supplier<AdminSettings> settings, String journalTopic, String controlTopic,
            ApplicationFleet applicationControl) {
        this.settings = settings;
        this.journalTopic = journalTopic;
        this.controlTopic = controlTopic;
        this.applicationControl = applicationControl;
    }

    /** The admin client. */
    public synchronized RocketMqAdmin admin() {
        if (admin == null) {
            admin = new RocketMqAdmin(settings.get());
        }
        return admin;
    }

    /** The journal's entries, oldest first. */
    public List<JournalEntry> journalEntries() {
        return journal().entries();
    }

    /** Appends an entry to the journal (its topic created first when missing); returns it as recorded. */
    public JournalEntry record(JournalEntry entry) {
        return writableJournal().append(entry);
    }

    /** The journal, its topic created first when missing, for appending. */
    public RewindJournal writableJournal() {
        RewindJournal.createTopicIfMissing(admin(), journalTopic);
        return journal();
    }

    /** The tracker of replay progress, kept so that successive samples give a rate. */
    public synchronized ReplayProgressTracker progressTracker() {
        if (progress == null) {
            progress = new ReplayProgressTracker(admin());
        }
        return progress;
    }

    /** The journal, opened on first use. */
    public synchronized RewindJournal journal() {
        if (journal == null) {
            AdminSettings current = admin().settings();
            journal = new RewindJournal(current.nameServer(), RocketMqAdmin.rpcHook(current), journalTopic);
        }
        return journal;
    }

    /** The request timeout of the cluster's settings. */
    public Duration timeout() {
        return admin().settings().timeout();
    }

    /**
     * The rewinder that orders every instance of a group over the control topic: the application's when it has one,
     * else one on the console's own channel; empty when the control topic cannot be opened.
     */
    public Optional<FleetRewinder> fleetRewinder() {
        RocketMqAdmin current = admin();
        Optional<FleetRewinder> lent = applicationControl.rewinder(current);
        if (lent.isPresent()) {
            return lent;
        }
        ControlChannel own = channel();
        return own == null ? Optional.empty() : Optional.of(new FleetRewinder(current, own, timeout()));
    }

    private synchronized @Nullable ControlChannel channel() {
        if (channel == null) {
            try {
                channel = new ControlChannel(admin(), controlTopic);
            } catch (RewindException e) {
                log.warn("Backtrack console: the control topic {} cannot be opened, rewinds use RocketMQ's "
                        + "broker-driven reset: {}", controlTopic, e.getMessage());
                return null;
            }
        }
        return channel;
    }

    /** Closes what was opened. */
    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
        if (admin != null) {
            admin.close();
            admin = null;
        }
        progress = null;
    }
}
