package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** An admin client of the cluster of the application's first RocketMQ binding, opened on first use. */
public final class BindingsClusterAdmin implements Supplier<@Nullable RocketMqAdmin>, AutoCloseable {

    private final Supplier<List<ConsumerBinding>> bindings;
    private final Duration timeout;
    private @Nullable RocketMqAdmin admin;

    /** Opens the client for the first of {@code bindings} on first use, with {@code timeout} per request. */
    public BindingsClusterAdmin(Supplier<List<ConsumerBinding>> bindings, Duration timeout) {
        this.bindings = bindings;
        this.timeout = timeout;
    }

    @Override
    /** The admin client, or null when the application has no RocketMQ binding. */
    public synchronized @Nullable RocketMqAdmin get() {
        if (admin == null) {
            List<ConsumerBinding> all = bindings.get();
            if (all.isEmpty()) {
                return null;
            }
            admin = new RocketMqAdmin(all.get(0).adminSettings(timeout));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
