package dev.backtrack.core.control;

import dev.backtrack.core.rewind.InProcessRewinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.message.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The instance side of the control topic: applies orders to this process's consumers and acknowledges them. */
public class OrderExecutor {

    private static final Logger log = LoggerFactory.getLogger(OrderExecutor.class);

    private final ControlChannel channel;
    private final BiFunction<String, String, Optional<DefaultMQPushConsumer>> consumers;
    private final String instance;

    /** Executes orders arriving on {@code channel} for the consumers {@code consumers} finds by (group, topic). */
    public OrderExecutor(ControlChannel channel, BiFunction<String, String, Optional<DefaultMQPushConsumer>> consumers,
            String instance) {
        this.channel = channel;
        this.consumers = consumers;
        this.instance = instance;
        channel.onOrder(this::execute);
    }

    void execute(RewindOrder order) {
        Optional<DefaultMQPushConsumer> consumer = consumers.apply(order.group(), order.topic());
        if (consumer.isEmpty()) {
            return; // this instance does not consume that group: nothing to acknowledge
        }
        String clientId = consumer.get().getDefaultMQPushConsumerImpl().getmQClientFactory().getClientId();
        if (!InProcessRewinder.supports(consumer.get())) {
            channel.send(new RewindAck(order.requestId(), clientId, instance, List.of(),
                    "this consumer cannot be rewound in place (orderly or local offsets)"));
            return;
        }
        try {
            Map<MessageQueue, Long> targets = new LinkedHashMap<>();
            order.targets().forEach(t -> targets.put(new MessageQueue(order.topic(), t.broker(), t.queueId()), t.offset()));
            List<MessageQueue> moved = InProcessRewinder.repositionHeld(consumer.get(), targets);
            log.info("Backtrack: rewound group {} on topic {} in place for {} ({} queues here), order {}", order.group(),
                    order.topic(), order.issuedBy(), moved.size(), order.requestId());
            channel.send(new RewindAck(order.requestId(), clientId, instance,
                    moved.stream().map(q -> q.getBrokerName() + "/" + q.getQueueId()).toList(), null));
        } catch (RuntimeException e) {
            log.warn("Backtrack: could not apply rewind order {} here: {}", order.requestId(), e.toString());
            channel.send(new RewindAck(order.requestId(), clientId, instance, List.of(), e.getMessage()));
        }
    }
}
