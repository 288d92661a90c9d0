package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.operation.KeptClusterSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The endpoint's cluster sessions, one per cluster settings (bindings on one cluster share one), opened on first use
 * and kept for the application's life: a request does not pay for opening an admin client and the journal. Instances
 * are reached through the application's own control channel when it has one.
 */
final class EndpointSessions implements AutoCloseable {

    private final String journalTopic;
    private final Supplier<BacktrackControl> control;
    private final Map<AdminSettings, KeptClusterSession> sessions = new HashMap<>();

    EndpointSessions(String journalTopic, Supplier<BacktrackControl> control) {
        this.journalTopic = journalTopic;
        this.control = control;
    }

    /** The session for {@code settings}, opened on first use. */
    synchronized KeptClusterSession of(AdminSettings settings) {
        return sessions.computeIfAbsent(settings, s -> new KeptClusterSession(() -> s, journalTopic, null, admin -> {
            BacktrackControl fleet = control.get();
            return fleet == null ? Optional.empty() : fleet.fleetRewinder(admin);
        }));
    }

    /** Closes every session. */
    @Override
    public synchronized void close() {
        sessions.values().forEach(KeptClusterSession::close);
        sessions.clear();
    }
}
