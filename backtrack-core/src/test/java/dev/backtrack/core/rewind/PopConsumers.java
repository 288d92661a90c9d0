package dev.backtrack.core.rewind;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageRequestMode;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.Awaitility;

/** Push consumers in pop mode for tests: the broker's request mode for (topic, group) set to POP, as mqadmin does. */
public final class PopConsumers {

    private PopConsumers() {
    }

    /** Sets the message request mode of the group on the topic to POP on every broker (mqadmin setConsumeMode). */
    public static void setPopMode(EmbeddedRocketMq mq, String topic, String group) throws Exception {
        DefaultMQAdminExt admin = TestClients.admin(mq.nameServerAddress());
        try {
            for (var broker : mq.brokers()) {
                admin.setMessageRequestMode(broker.address(), topic, group, MessageRequestMode.POP, 0, 5000);
            }
        } finally {
            admin.shutdown();
        }
    }

    /**
     * Starts a recording push consumer that takes its queues from the broker's assignment (so in the broker's mode)
     * and waits until it pops the topic on {@code brokers} brokers (the broker assigns a pop consumer queue id -1 on
     * each broker: it pops from every queue there).
     */
    static RecordingConsumer start(EmbeddedRocketMq mq, String group, String topic, int brokers, DeliveryLog log) {
        return start(mq, group, topic, brokers, log, m -> { });
    }

    /** Like {@link #start(EmbeddedRocketMq, String, String, int, DeliveryLog)}, recording bodies only. */
    public static RecordingConsumer start(EmbeddedRocketMq mq, String group, String topic, int brokers) {
        return start(mq, group, topic, brokers, new DeliveryLog(), m -> { });
    }

    /** Like {@link #start(EmbeddedRocketMq, String, String, int, DeliveryLog)}, running {@code hook} after logging. */
    static RecordingConsumer start(EmbeddedRocketMq mq, String group, String topic, int brokers, DeliveryLog log,
            Consumer<MessageExt> hook) {
        RecordingConsumer consumer = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .onMessage(m -> {
                    log.record(StoredMessages.label(m.getBody()), m.getBrokerName(), m.getQueueId(),
                            m.getQueueOffset());
                    hook.accept(m);
                })
                .configure(c -> c.setClientRebalance(false)).start();
        Awaitility.await("the consumer pops its queues").atMost(Duration.ofSeconds(60)).until(() -> consumer
                .consumer().getDefaultMQPushConsumerImpl().getRebalanceImpl().getPopProcessQueueTable().keySet()
                .stream().filter(q -> q.getTopic().equals(topic)).count() == brokers);
        return consumer;
    }
}
