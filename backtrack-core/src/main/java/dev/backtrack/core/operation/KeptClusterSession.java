package dev.backtrack.core.operation;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session whose connections open on first use and are kept until it is closed: for a front end that serves many
 * requests (the console, the endpoint). The control channel is the one a running application lends when it has one,
 * else one of the session's own on the control topic.
 */
public class KeptClusterSession implements ClusterSession {

    private static final Logger log = LoggerFactory.getLogger(KeptClusterSession.class);

    private final Supplier<AdminSettings> settings;
    private final String journalTopic;
    private final @Nullable String controlTopic;
    private final Function<RocketMqAdmin, Optional<FleetRewinder>> lent;
    private @Nullable RocketMqAdmin admin;
    private @Nullable RewindJournal journal;
    private @Nullable ControlChannel channel;
    private @Nullable String channelFailure;

    /**
     * Connects with the settings {@code settings} gives at first use, keeps the journal on {@code journalTopic}, and
     * reaches a group's instances through {@code lent} (the application's own control channel) or else a channel of
     * its own on {@code controlTopic} (none when null).
     */
    public KeptClusterSession(Supplier<AdminSettings> settings, String journalTopic, @Nullable String controlTopic,
            Function<RocketMqAdmin, Optional<FleetRewinder>> lent) {
        this.settings = settings;
        this.journalTopic = journalTopic;
        this.controlTopic = controlTopic;
        this.lent = lent;
    }

    @Override
    public synchronized RocketMqAdmin admin() {
        if (admin == null) {
            admin = new RocketMqAdmin(settings.get());
        }
        return admin;
    }

    @Override
    public List<JournalEntry> journalEntries() {
        return journal().entries();
    }

    @Override
    public List<JournalEntry> recentEntries(String group, String topic) {
        return journal().recent(group, topic);
    }

    @Override
    public JournalEntry record(JournalEntry entry) {
        RewindJournal.createTopicIfMissing(admin(), journalTopic);
        return journal().append(entry);
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

    @Override
    public Optional<FleetRewinder> fleetRewinder() {
        RocketMqAdmin current = admin();
        Optional<FleetRewinder> fromApplication = lent.apply(current);
        if (fromApplication.isPresent()) {
            return fromApplication;
        }
        ControlChannel own = channel();
        return own == null ? Optional.empty() : Optional.of(new FleetRewinder(current, own, timeout()));
    }

    @Override
    public synchronized String withoutFleet() {
        return channelFailure == null ? "no control topic" : channelFailure;
    }

    private synchronized @Nullable ControlChannel channel() {
        if (channel == null && controlTopic != null) {
            try {
                channel = new ControlChannel(admin(), controlTopic);
                channelFailure = null;
            } catch (RewindException e) {
                log.warn("Backtrack: the control topic {} cannot be opened, rewinds use RocketMQ's broker-driven "
                        + "reset: {}", controlTopic, e.getMessage());
                channelFailure = "the control topic could not be opened (" + e.getMessage()
                        + "), so no instance was ordered to rewind in place";
                return null;
            }
        }
        return channel;
    }

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
    }
}
