package dev.backtrack.autoconfigure.metrics;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An admin client of the cluster of the application's first RocketMQ binding, opened on first use. Not a
 * {@code Supplier}: Spring Cloud Stream binds every {@code Supplier} bean of an application without functions of its
 * own as a source and polls it.
 */
public final class BindingsClusterAdmin implements AutoCloseable {

    private final Supplier<List<ConsumerBinding>> bindings;
    private final Duration timeout;
    private @Nullable RocketMqAdmin admin;

    /** Opens the client for the first of {@code bindings} on first use, with {@code timeout} per request. */
    public BindingsClusterAdmin(Supplier<List<ConsumerBinding>> bindings, Duration timeout) {
        this.bindings = bindings;
        this.timeout = timeout;
    }

    /** The admin client, or null when the application has no RocketMQ binding. */
    public synchronized @Nullable RocketMqAdmin admin() {
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
