package dev.backtrack.autoconfigure;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;

/** RocketMQ consumers of the application other than Spring Cloud Stream bindings, e.g. rocketmq-spring listeners. */
public interface ConsumerSource {

    /** How the names of rocketmq-spring listener consumers begin: {@code listener:<consumerGroup>}. */
    String LISTENER_PREFIX = "listener:";

    /** The consumers, described like bindings (name, group, topic, cluster), in a stable order. */
    List<ConsumerBinding> consumers();

    /** The started push consumer of (group, topic) in this process, if this source has one. */
    Optional<DefaultMQPushConsumer> find(String group, String topic);

    /** {@code bindings} followed by the consumers of every source. */
    static List<ConsumerBinding> all(List<ConsumerBinding> bindings, Stream<ConsumerSource> sources) {
        List<ConsumerBinding> all = new ArrayList<>(bindings);
        sources.forEach(source -> all.addAll(source.consumers()));
        return all;
    }

    /** {@code listener} for a rocketmq-spring listener container, {@code binding} for a Spring Cloud Stream binding. */
    static String kindOf(ConsumerBinding consumer) {
        return consumer.name().startsWith(LISTENER_PREFIX) ? "listener" : "binding";
    }
}
