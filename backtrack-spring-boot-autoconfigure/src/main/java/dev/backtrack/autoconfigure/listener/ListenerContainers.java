package dev.backtrack.autoconfigure.listener;

import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.spring.annotation.MessageModel;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.support.DefaultRocketMQListenerContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;

/** The rocketmq-spring listener containers of the application, described like bindings and found by group and topic. */
public class ListenerContainers implements ConsumerSource {

    private final ListableBeanFactory beans;
    private final Environment environment;

    /** Finds the containers among the singletons of {@code beans}; resolves their keys in {@code environment}. */
    public ListenerContainers(ListableBeanFactory beans, Environment environment) {
        this.beans = beans;
        this.environment = environment;
    }

    /** Every listener container created so far, by consumer group and topic. */
    public List<DefaultRocketMQListenerContainer> containers() {
        return beans.getBeansOfType(DefaultRocketMQListenerContainer.class, false, false).values().stream()
                .sorted(Comparator.comparing(DefaultRocketMQListenerContainer::getConsumerGroup)
                        .thenComparing(DefaultRocketMQListenerContainer::getTopic))
                .toList();
    }

    /** The clustering listeners (broadcasting ones keep their offsets locally, out of Backtrack's reach). */
    @Override
    public List<ConsumerBinding> consumers() {
        return containers().stream().filter(c -> c.getMessageModel() != MessageModel.BROADCASTING)
                .map(this::describe).toList();
    }

    @Override
    public Optional<DefaultMQPushConsumer> find(String group, String topic) {
        return containers().stream()
                .filter(c -> c.isRunning() && group.equals(c.getConsumerGroup()) && topic.equals(c.getTopic()))
                .map(DefaultRocketMQListenerContainer::getConsumer)
                .filter(consumer -> consumer != null)
                .findFirst();
    }

    /** The container as a consumer named {@code listener:<consumerGroup>}, with its consumer's start settings. */
    public ConsumerBinding describe(DefaultRocketMQListenerContainer container) {
        DefaultMQPushConsumer consumer = container.getConsumer();
        RocketMQMessageListener annotation = container.getRocketMQMessageListener();
        return new ConsumerBinding(LISTENER_PREFIX + container.getConsumerGroup(), container.getTopic(),
                container.getConsumerGroup(), consumer == null ? null : consumer.getConsumeFromWhere(),
                consumer == null ? null : consumer.getConsumeTimestamp(), container.getNameServer(),
                annotation == null ? null : resolved(annotation.accessKey()),
                annotation == null ? null : resolved(annotation.secretKey()));
    }

    private @Nullable String resolved(String value) {
        String text = environment.resolvePlaceholders(value);
        return text.isBlank() ? null : text;
    }
}
