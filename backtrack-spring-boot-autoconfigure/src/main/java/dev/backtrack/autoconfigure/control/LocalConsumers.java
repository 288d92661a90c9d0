package dev.backtrack.autoconfigure.control;

import com.alibaba.cloud.stream.binder.rocketmq.integration.inbound.RocketMQInboundChannelAdapter;
import dev.backtrack.autoconfigure.ConsumerSource;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.MessageProducer;

/** The RocketMQ push consumers of this application (the binder's and other {@link ConsumerSource}s'), by group and topic. */
public class LocalConsumers {

    /** The binder's (2023.0.3.3) private field holding an adapter's consumer. */
    static final String PUSH_CONSUMER_FIELD = "pushConsumer";
    private static final Logger log = LoggerFactory.getLogger(LocalConsumers.class);

    private final @Nullable Field pushConsumer;
    private final Map<String, RocketMQInboundChannelAdapter> adapters = new ConcurrentHashMap<>();
    private final List<ConsumerSource> sources = new CopyOnWriteArrayList<>();

    /** Reaches the binder's consumers through its {@code pushConsumer} field. */
    public LocalConsumers() {
        this(PUSH_CONSUMER_FIELD);
    }

    /** Reaches the binder's consumers through the named field; when it is missing, says once what that costs. */
    LocalConsumers(String pushConsumerField) {
        this.pushConsumer = field(pushConsumerField);
    }

    /** Remembers a consumer endpoint the binder just created (a ConsumerEndpointCustomizer callback). */
    public void register(MessageProducer endpoint, String destination, String group) {
        if (endpoint instanceof RocketMQInboundChannelAdapter adapter && group != null) {
            adapters.put(key(group, destination), adapter);
        }
    }

    /** Also looks for consumers in {@code source} (e.g. rocketmq-spring listener containers). */
    public void addSource(ConsumerSource source) {
        sources.add(source);
    }

    /** The started push consumer of (group, topic) in this process, if there is one we can reach. */
    public Optional<DefaultMQPushConsumer> find(String group, String topic) {
        Optional<DefaultMQPushConsumer> binding = findBinding(group, topic);
        if (binding.isPresent()) {
            return binding;
        }
        for (ConsumerSource source : sources) {
            Optional<DefaultMQPushConsumer> found = source.find(group, topic);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<DefaultMQPushConsumer> findBinding(String group, String topic) {
        RocketMQInboundChannelAdapter adapter = adapters.get(key(group, topic));
        if (adapter == null || pushConsumer == null || !adapter.isRunning()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((DefaultMQPushConsumer) pushConsumer.get(adapter));
        } catch (IllegalAccessException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String key(String group, String topic) {
        return group + "|" + topic;
    }

    private static @Nullable Field field(String name) {
        try {
            Field field = RocketMQInboundChannelAdapter.class.getDeclaredField(name);
            if (!DefaultMQPushConsumer.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException(name + " is a " + field.getType().getName());
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Backtrack: cannot reach the consumers of the RocketMQ binder (field '{}' of {}: {}); rewinds of "
                    + "this application's consumers will use RocketMQ's broker-driven reset (10-30 s)", name,
                    RocketMQInboundChannelAdapter.class.getSimpleName(), e.toString());
            return null;
        }
    }
}
