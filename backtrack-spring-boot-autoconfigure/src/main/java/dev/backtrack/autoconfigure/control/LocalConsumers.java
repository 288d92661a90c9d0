package dev.backtrack.autoconfigure.control;

import com.alibaba.cloud.stream.binder.rocketmq.integration.inbound.RocketMQInboundChannelAdapter;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.MessageProducer;

/** The RocketMQ push consumers the binder created in this application, by group and topic. */
public class LocalConsumers {

    private static final Logger log = LoggerFactory.getLogger(LocalConsumers.class);
    private static final Field PUSH_CONSUMER = pushConsumerField();

    private final Map<String, RocketMQInboundChannelAdapter> adapters = new ConcurrentHashMap<>();

    /** Remembers a consumer endpoint the binder just created (a ConsumerEndpointCustomizer callback). */
    public void register(MessageProducer endpoint, String destination, String group) {
        if (endpoint instanceof RocketMQInboundChannelAdapter adapter && group != null) {
            adapters.put(key(group, destination), adapter);
        }
    }

    /** The started push consumer of (group, topic) in this process, if there is one we can reach. */
    public Optional<DefaultMQPushConsumer> find(String group, String topic) {
        RocketMQInboundChannelAdapter adapter = adapters.get(key(group, topic));
        if (adapter == null || PUSH_CONSUMER == null || !adapter.isRunning()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((DefaultMQPushConsumer) PUSH_CONSUMER.get(adapter));
        } catch (IllegalAccessException e) {
            return Optional.empty();
        }
    }

    private static String key(String group, String topic) {
        return group + "|" + topic;
    }

    /** The binder (2023.0.3.3) keeps its consumer in a private field; without it rewinds take the broker's path. */
    private static Field pushConsumerField() {
        try {
            Field field = RocketMQInboundChannelAdapter.class.getDeclaredField("pushConsumer");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot reach the RocketMQ binder's consumers ({}); rewinds will use the broker's slow path", e.toString());
            return null;
        }
    }
}
