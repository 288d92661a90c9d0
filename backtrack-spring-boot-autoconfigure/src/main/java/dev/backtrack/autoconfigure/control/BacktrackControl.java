package dev.backtrack.autoconfigure.control;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.control.OrderExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on the control topic of the application's RocketMQ cluster, so that a rewind ordered by any instance, the
 * endpoint or the CLI repositions this instance's consumers in place; also gives the endpoint the fleet rewinder.
 */
public class BacktrackControl implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BacktrackControl.class);

    private final Supplier<List<ConsumerBinding>> bindings;
    private final LocalConsumers consumers;
    private final String topic;
    private final String instance;
    private final Duration timeout;
    private @Nullable RocketMqAdmin admin;
    private @Nullable ControlChannel channel;

    /**
     * Serves the cluster of the first of {@code bindings}, for the consumers in {@code consumers}, waiting up to
     * {@code timeout} for each request and for acknowledgements.
     */
    public BacktrackControl(Supplier<List<ConsumerBinding>> bindings, LocalConsumers consumers, String topic,
            String instance, Duration timeout) {
        this.bindings = bindings;
        this.consumers = consumers;
        this.topic = topic;
        this.instance = instance;
        this.timeout = timeout;
    }

    @Override
    public synchronized void start() {
        List<ConsumerBinding> all = bindings.get();
        if (all.isEmpty()) {
            return;
        }
        ConsumerBinding first = all.get(0);
        admin = new RocketMqAdmin(new AdminSettings(first.nameServer(), first.accessKey(), first.secretKey(),
                timeout));
        try {
            channel = new ControlChannel(admin, topic);
            new OrderExecutor(channel, consumers::find, instance);
            channel.warmUp();
            log.info("Backtrack: listening for rewind orders on {} ({})", topic, first.nameServer());
        } catch (RuntimeException e) {
            admin.close();
            admin = null;
            log.warn("Backtrack: no control topic, rewinds of this instance will use the broker's slow path: {}",
                    e.getMessage());
        }
    }

    /** The rewinder that orders every instance of a group, when the control topic is available. */
    public synchronized Optional<FleetRewinder> fleetRewinder(RocketMqAdmin requesterAdmin) {
        return channel == null ? Optional.empty() : Optional.of(new FleetRewinder(requesterAdmin, channel, timeout));
    }

    @Override
    public synchronized void stop() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return channel != null;
    }

    /** After Spring Cloud Stream's input bindings, so this instance's consumers exist when orders arrive. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
