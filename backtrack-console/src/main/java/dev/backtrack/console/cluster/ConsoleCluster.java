package dev.backtrack.console.cluster;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.progress.ReplayProgressTracker;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The console's cluster session, opened on first use and kept: one admin client, the journal, and (when the
 * application has no control channel of its own to lend) a control channel for in-place rewinds; and the tracker of
 * replay progress.
 */
public class ConsoleCluster extends KeptClusterSession {

    private @Nullable ReplayProgressTracker progress;

    /**
     * Connects with the settings {@code settings} gives at first use; {@code applicationControl} lends the
     * application's fleet rewinder when it has one.
     */
    public ConsoleCluster(Supplier<AdminSettings> settings, String journalTopic, String controlTopic,
            ApplicationFleet applicationControl) {
        super(settings, journalTopic, controlTopic, applicationControl::rewinder);
    }

    /** The tracker of replay progress, kept so that successive samples give a rate. */
    public synchronized ReplayProgressTracker progressTracker() {
        if (progress == null) {
            progress = new ReplayProgressTracker(admin());
        }
        return progress;
    }

    /** Closes what was opened. */
    @Override
    public synchronized void close() {
        super.close();
        progress = null;
    }
}
