package dev.backtrack.autoconfigure.health;

import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.metrics.BindingsClusterAdmin;
import dev.backtrack.autoconfigure.runs.PausedRuns;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of what Backtrack needs: the name server of the application's RocketMQ bindings reachable, the control
 * channel listening (when {@code backtrack.control.enabled}), the embedded broker running (when
 * {@code backtrack.embedded.enabled}); DOWN naming the component and the reason when one is not, with details per
 * component. The detail {@code pausedRuns} lists the runs of window replays and redrives that are paused: they wait
 * for an operator, which leaves the health UP.
 */
public class BacktrackHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private final BindingsClusterAdmin admin;
    private final Supplier<@Nullable BacktrackControl> control;
    private final boolean controlEnabled;
    private final Supplier<@Nullable Boolean> embeddedRunning;
    private final Supplier<@Nullable PausedRuns> pausedRuns;

    /**
     * Checks the cluster through {@code admin}, the control channel when enabled, and the embedded broker when
     * {@code embeddedRunning} says anything (null: there is none).
     */
    public BacktrackHealthIndicator(BindingsClusterAdmin admin, Supplier<@Nullable BacktrackControl> control,
            boolean controlEnabled, Supplier<@Nullable Boolean> embeddedRunning) {
        this(admin, control, controlEnabled, embeddedRunning, () -> null);
    }

    /** As the other constructor, also listing the runs {@code pausedRuns} tells (null: no detail). */
    public BacktrackHealthIndicator(BindingsClusterAdmin admin, Supplier<@Nullable BacktrackControl> control,
            boolean controlEnabled, Supplier<@Nullable Boolean> embeddedRunning,
            Supplier<@Nullable PausedRuns> pausedRuns) {
        super("Backtrack health check failed");
        this.admin = admin;
        this.control = control;
        this.controlEnabled = controlEnabled;
        this.embeddedRunning = embeddedRunning;
        this.pausedRuns = pausedRuns;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> nameServer = nameServer();
        builder.withDetail("nameServer", nameServer);
        boolean up = "UP".equals(nameServer.get("status"));
        if (controlEnabled) {
            BacktrackControl channel = control.get();
            boolean listening = channel != null && channel.isRunning();
            builder.withDetail("controlChannel", listening ? Map.of("status", "UP")
                    : Map.of("status", "DOWN", "reason", "not listening for rewind orders: rewinds of this "
                            + "application's consumers use RocketMQ's slow broker-driven reset"));
            up &= listening;
        }
        Boolean running = embeddedRunning.get();
        if (running != null) {
            builder.withDetail("embeddedBroker", running ? Map.of("status", "UP")
                    : Map.of("status", "DOWN", "reason", "the embedded RocketMQ is stopped"));
            up &= running;
        }
        PausedRuns runs = pausedRuns.get();
        if (runs != null) {
            PausedRuns.Reading paused = runs.read();
            if (paused.failure() == null) {
                builder.withDetail("pausedRuns", paused.runs());
            } else {
                builder.withDetail("pausedRunsUnknown", "the journal cannot be read: " + paused.failure());
            }
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /** Closes the admin client of the name server check. */
    @Override
    public void close() {
        admin.close();
    }

    private Map<String, Object> nameServer() {
        Map<String, Object> details = new LinkedHashMap<>();
        RocketMqAdmin cluster;
        try {
            cluster = admin.admin();
        } catch (RuntimeException e) {
            details.put("status", "DOWN");
            details.put("reason", String.valueOf(e.getMessage()));
            return details;
        }
        if (cluster == null) {
            details.put("status", "UNKNOWN");
            details.put("reason", "the application has no RocketMQ consumer binding");
            return details;
        }
        details.put("address", cluster.settings().nameServer());
        try {
            cluster.requireReachable();
            details.put("status", "UP");
        } catch (RuntimeException e) {
            details.put("status", "DOWN");
            details.put("reason", String.valueOf(e.getMessage()));
        }
        return details;
    }
}
