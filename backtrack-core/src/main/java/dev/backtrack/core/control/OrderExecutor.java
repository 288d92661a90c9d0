package dev.backtrack.core.control;

import dev.backtrack.core.inplace.CatchUpPacing;
import dev.backtrack.core.inplace.InProcessRewinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance side of the control topic: applies orders to this process's consumers and acknowledges them. Every
 * order for a consumer of this process is answered, with an error when it could not be applied.
 */
public class OrderExecutor {

    private static final Logger log = LoggerFactory.getLogger(OrderExecutor.class);

    private final ControlChannel channel;
    private final BiFunction<String, String, Optional<DefaultMQPushConsumer>> consumers;
    private final String instance;
    private final InProcessRewinder rewinder;

    /** Executes orders arriving on {@code channel} for the consumers {@code consumers} finds by (group, topic). */
    public OrderExecutor(ControlChannel channel, BiFunction<String, String, Optional<DefaultMQPushConsumer>> consumers,
            String instance) {
        this.channel = channel;
        this.consumers = consumers;
        this.instance = instance;
        this.rewinder = new InProcessRewinder(channel.admin());
        channel.onOrder(this::execute);
    }

    void execute(RewindOrder order) {
        Optional<DefaultMQPushConsumer> consumer;
        try {
            consumer = consumers.apply(order.group(), order.topic());
        } catch (RuntimeException e) {
            fail(order, null, "cannot look up the consumer of group '" + order.group() + "' on topic '" + order.topic()
                    + "' here: " + e, e);
            return;
        }
        if (consumer.isEmpty()) {
            return; // this instance does not consume that group: nothing to acknowledge
        }
        String clientId = clientId(consumer.get());
        Optional<String> unsupported = InProcessRewinder.unsupportedReason(consumer.get());
        if (unsupported.isPresent()) {
            fail(order, clientId, "the consumer of group '" + order.group() + "' on topic '" + order.topic()
                    + "' cannot be rewound in place here: " + unsupported.get(), null);
            return;
        }
        List<MessageQueue> moved;
        try {
            Map<MessageQueue, Long> targets = new LinkedHashMap<>();
            order.targets().forEach(t -> targets.put(new MessageQueue(order.topic(), t.broker(), t.queueId()), t.offset()));
            CatchUpPacing pacing = CatchUpPacing.of(consumer.get());
            pacing.stop(); // a new rewind ends the pacing of the previous one
            Map<MessageQueue, Long> catchUpPoints = pacing.catchUpPoints(targets.keySet());
            if (!catchUpPoints.isEmpty()) { // paced from before the queues are pulled again
                pacing.start(order.rate().share(catchUpPoints.size(), targets.size()), catchUpPoints, targets);
            }
            try {
                moved = rewinder.repositionHeld(consumer.get(), targets);
            } catch (RuntimeException e) {
                pacing.stop(); // nothing is paced when the rewind failed
                throw e;
            }
            pacing.bind(moved);
        } catch (RuntimeException e) {
            fail(order, clientId, e.getMessage() != null ? e.getMessage() : e.toString(), e);
            return;
        }
        log.info("Backtrack: rewound group {} on topic {} in place for {} ({} queues here, replayed at {} in total), "
                + "order {}", order.group(), order.topic(), order.issuedBy(), moved.size(), order.rate().describe(),
                order.requestId());
        acknowledge(new RewindAck(order.requestId(), clientId, instance,
                moved.stream().map(q -> q.getBrokerName() + "/" + q.getQueueId()).toList(), null));
    }

    private void fail(RewindOrder order, @Nullable String clientId, String error, @Nullable Exception cause) {
        if (cause != null) {
            log.warn("Backtrack: could not apply rewind order {} here: {}", order.requestId(), error, cause);
        } else {
            log.warn("Backtrack: could not apply rewind order {} here: {}", order.requestId(), error);
        }
        acknowledge(new RewindAck(order.requestId(), clientId, instance, List.of(), error));
    }

    private void acknowledge(RewindAck ack) {
        try {
            channel.send(ack);
        } catch (RuntimeException e) {
            log.error("Backtrack: could not acknowledge rewind order {} ({}): {}", ack.requestId(),
                    ack.error() == null ? "applied to " + ack.queuesMoved() : "failed: " + ack.error(), e.toString());
        }
    }

    /** The client id the brokers know the consumer by; for one not started, the id it will have. */
    private static String clientId(DefaultMQPushConsumer consumer) {
        MQClientInstance factory = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        return factory != null ? factory.getClientId() : consumer.buildMQClientId();
    }
}
