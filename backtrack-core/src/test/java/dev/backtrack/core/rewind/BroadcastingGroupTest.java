package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group whose consumers consume in broadcasting mode keeps its offsets on each consumer's machine: with such a
 * consumer connected, planning and rewinding the group are refused on a real two-broker cluster, and nothing is
 * written; a clustering group on the same topic is planned as usual.
 */
class BroadcastingGroupTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path localOffsets;

    private static RocketMqAdmin admin;
    private static RewindPlanner planner;
    private static RewindApplier applier;

    @BeforeAll
    static void connect() {
        // Broadcasting consumers write their offsets under this directory (default: the user's home).
        System.setProperty("rocketmq.client.localOffsetStoreDir", localOffsets.toString());
        admin = TestAdmins.of(MQ);
        planner = new RewindPlanner(admin);
        applier = new RewindApplier(admin);
    }

    @Test
    void planAndRewindRefuseAGroupWhoseConnectedConsumersBroadcast(EmbeddedRocketMq mq) throws Exception {
        String topic = "broadcast-refused";
        String group = "broadcast-refused-g";
        mq.createTopic(topic, 2);
        List<Stored> stored = StoredMessages.send(mq, topic,
                List.of(new MessageQueue(topic, "broker-a", 0), new MessageQueue(topic, "broker-b", 1)), 6, "b-");
        long t = stored.get(3).storeTime();
        RewindPlan planWhileOffline = planner.plan(group, topic, t);

        try (RecordingConsumer ignored = RecordingConsumer.on(mq.nameServerAddress(), group, topic)
                .configure(c -> c.setMessageModel(MessageModel.BROADCASTING)).start()) {
            // Not waiting for its messages: a broadcasting consumer's first pulls can be refused until its next
            // heartbeat (30 s) when the heartbeat after its first rebalance is skipped; being connected is enough.
            await("the brokers report the group's consumers as broadcasting").atMost(PATIENCE)
                    .until(() -> admin.onlineMessageModel(group) == MessageModel.BROADCASTING);

            assertThatThrownBy(() -> planner.plan(group, topic, t)).isInstanceOf(BroadcastingGroupException.class)
                    .hasMessageStartingWith("Group '" + group + "' consumes in broadcasting mode: each of its "
                            + "consumers keeps its own offsets on its own machine")
                    .hasMessageContaining("so the brokers cannot move them. Nothing was changed.")
                    .hasMessageContaining("Backtrack plans and rewinds only clustering groups")
                    .hasMessageContaining("/" + group + "/offsets.json");
            assertThatThrownBy(() -> applier.apply(planWhileOffline))
                    .as("a plan made before the consumers connected is refused as well")
                    .isInstanceOf(BroadcastingGroupException.class)
                    .hasMessageStartingWith("Group '" + group + "' consumes in broadcasting mode");
            for (QueueRewind queue : planWhileOffline.queues()) {
                assertThat(admin.committedOffset(queue.brokerAddress(), group,
                        new MessageQueue(topic, queue.broker(), queue.queueId())))
                        .as("no offset written on %s/%d", queue.broker(), queue.queueId()).isNull();
            }
        }
    }

    @Test
    void aClusteringGroupOnlineOnTheSameTopicIsPlanned(EmbeddedRocketMq mq) throws Exception {
        String topic = "broadcast-control";
        String group = "broadcast-control-g";
        mq.createTopic(topic, 2);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(new MessageQueue(topic, "broker-a", 0)), 3,
                "c-");
        try (RecordingConsumer ignored = RecordingConsumer.start(mq.nameServerAddress(), group, topic)) {
            await().atMost(PATIENCE).until(() -> admin.onlineMessageModel(group) == MessageModel.CLUSTERING);

            RewindPlan plan = planner.plan(group, topic, stored.get(1).storeTime());
            assertThat(plan.queues()).hasSize(4);
            assertThat(plan.queues()).filteredOn(q -> q.broker().equals("broker-a") && q.queueId() == 0)
                    .singleElement().extracting(QueueRewind::targetOffset).isEqualTo(stored.get(1).offset());
        }
        await("a group with no consumer connected has no model").atMost(PATIENCE)
                .until(() -> admin.onlineMessageModel(group) == null);
    }
}
