package dev.backtrack.benchmarks.replay;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A raw {@link DefaultMQPushConsumer} with the binding's tuning (consume threads, pull batch; one message per listener
 * call as the binder has it), positioned by the core {@link RewindApplier}, whose listener only counts.
 */
public final class PushConsumerReplay implements ReplayPath {

    private final String nameServer;
    private final RocketMqAdmin admin;
    private final ReplayTuning tuning;

    /** A push consumer replay on the cluster of {@code nameServer}. */
    public PushConsumerReplay(String nameServer, RocketMqAdmin admin, ReplayTuning tuning) {
        this.nameServer = nameServer;
        this.admin = admin;
        this.tuning = tuning;
    }

    @Override
    public String label() {
        return "raw DefaultMQPushConsumer, " + tuning.threads() + " threads";
    }

    @Override
    public void replay(RewindPlan plan, ReplayCounter counter) throws Exception {
        new RewindApplier(admin).apply(plan);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(plan.group());
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setConsumeThreadMin(tuning.threads());
        consumer.setConsumeThreadMax(tuning.threads());
        consumer.setPullBatchSize(tuning.pullBatchSize());
        consumer.subscribe(plan.topic(), "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt message : messages) {
                counter.record(OrderIds.idOf(message.getBody()));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        try {
            counter.awaitCaughtUp(label(), STALL_SECONDS);
        } finally {
            consumer.shutdown();
        }
    }
}
