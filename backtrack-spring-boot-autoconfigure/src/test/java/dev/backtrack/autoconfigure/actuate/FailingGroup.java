package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.ReplayedMessages;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.RecordingConsumer;
import java.util.function.Predicate;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A consumer group for the tests of runs (canary, pause, resume, abort): it records every delivery in a ledger and
 * fails the copies a run sends that a test picks, one retry before the dead-letter topic; the live messages it always
 * takes.
 */
public final class FailingGroup {

    private FailingGroup() {
    }

    /**
     * Starts a consumer of {@code group} on {@code topic} that fails the run copies {@code fails} picks and records
     * every delivery's message id in {@code ledger}; as for a consumer that has run a while, its retry topic is routed
     * before it starts.
     */
    public static RecordingConsumer start(String nameServer, RocketMqAdmin admin, String group, String topic,
            Predicate<MessageExt> fails, DeliveryLedger ledger) {
        admin.ensureTopic(MixAll.getRetryTopic(group), 1);
        return RecordingConsumer.on(nameServer, group, topic).labelledBy(RecordingConsumer.MESSAGE_ID)
                .onMessage(m -> ledger.delivered(m.getMsgId()))
                .failing(m -> m.getProperty(ReplayedMessages.RUN) != null && fails.test(m))
                .configure(c -> c.setMaxReconsumeTimes(1)).start();
    }
}
