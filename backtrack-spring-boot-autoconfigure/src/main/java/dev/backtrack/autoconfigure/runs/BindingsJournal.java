package dev.backtrack.autoconfigure.runs;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.RewindJournal;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The journal on the cluster of the application's first RocketMQ binding, opened on first read. (Not a
 * {@link Supplier} bean: Spring Cloud Stream would take one for a function to bind and poll.)
 */
public final class BindingsJournal implements AutoCloseable {

    private final Supplier<@Nullable AdminSettings> settings;
    private final String topic;
    private @Nullable RewindJournal journal;

    /** Reads the journal on {@code topic} of the cluster {@code settings} give (null: no binding, no journal). */
    public BindingsJournal(Supplier<@Nullable AdminSettings> settings, String topic) {
        this.settings = settings;
        this.topic = topic;
    }

    /** Every entry, oldest first; none when the application has no binding or the journal's topic does not exist. */
    public synchronized List<JournalEntry> entries() {
        if (journal == null) {
            AdminSettings cluster = settings.get();
            if (cluster == null) {
                return List.of();
            }
            journal = new RewindJournal(cluster.nameServer(), RocketMqAdmin.rpcHook(cluster), topic);
        }
        return journal.entries();
    }

    /** Closes the journal's clients. */
    @Override
    public synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }
}
