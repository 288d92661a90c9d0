package dev.backtrack.benchmarks.replay;

import com.alibaba.fastjson.JSON;
import dev.backtrack.benchmarks.replay.CountingConsumerApplication.BenchOrder;
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
 * call as the binder has it), positioned by the core {@link RewindApplier}, whose listener only counts, or parses each
 * order into the record the binding's handler takes (with fastjson, as the binder converts it) before counting it.
 */
public final class PushConsumerReplay implements ReplayPath {

    private final String nameServer;
    private final RocketMqAdmin admin;
    private final ReplayTuning tuning;
    private final boolean parse;

    /** A push consumer replay on the cluster of {@code nameServer} whose listener only counts. */
    public PushConsumerReplay(String nameServer, RocketMqAdmin admin, ReplayTuning tuning) {
        this(nameServer, admin, tuning, false);
    }

    private PushConsumerReplay(String nameServer, RocketMqAdmin admin, ReplayTuning tuning, boolean parse) {
        this.nameServer = nameServer;
        this.admin = admin;
        this.tuning = tuning;
        this.parse = parse;
    }

    /** The same consumer parsing each order's JSON into a {@link BenchOrder}, as the binding's handler asks. */
    public PushConsumerReplay parsingEachOrder() {
        return new PushConsumerReplay(nameServer, admin, tuning, true);
    }

    @Override
    public String label() {
        return "raw DefaultMQPushConsumer, " + tuning.threads() + " threads" + (parse ? ", parses each order" : "");
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
                counter.record(parse ? parsedId(message.getBody()) : OrderIds.idOf(message.getBody()));
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

    private static long parsedId(byte[] body) {
        BenchOrder order = JSON.parseObject(body, BenchOrder.class);
        return order.id();
    }
}
