package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.InMemoryCluster;
import org.junit.jupiter.api.Test;

/**
 * What a plan makes of the offsets and store times a cluster reports: clamping, truncated history, counts, empty
 * queues, bad input and failing brokers, on an in-memory cluster. Positioning on a real broker: RewindPlannerTest.
 */
class RewindPlannerArithmeticTest {

    private static final String A = "10.0.0.1:10911";
    private static final String B = "10.0.0.2:10911";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", A).broker("broker-b", B);
    private final RewindPlanner planner = new RewindPlanner(cluster);

    @Test
    void timesBeforeTheFirstAndAfterTheLastMessageAreClampedToMinAndMax() {
        cluster.topic("t", 1);
        cluster.queue("t", "broker-a", 0).stored(1000, 1001, 1005);
        cluster.queue("t", "broker-b", 0).stored(1002, 1003);

        RewindPlan early = planner.plan("g", "t", 0);
        assertThat(early.queues()).extracting(QueueRewind::targetOffset).containsExactly(0L, 0L);
        assertThat(early.queues()).extracting(QueueRewind::targetStoreTimestamp).containsExactly(1000L, 1002L);
        assertThat(early.messagesToReplay()).isEqualTo(5);
        assertThat(early.historyTruncated()).as("min offset 0: nothing older was ever dropped").isFalse();
        assertThat(early.oldestRetainedTimestamp()).isNull();
        assertThat(early.nothingToReplay()).isFalse();

        RewindPlan between = planner.plan("g", "t", 1002);
        assertThat(between.queues()).extracting(QueueRewind::targetOffset).containsExactly(2L, 0L);
        assertThat(between.queues()).extracting(QueueRewind::targetStoreTimestamp).containsExactly(1005L, 1002L);
        assertThat(between.messagesToReplay()).isEqualTo(3);

        RewindPlan future = planner.plan("g", "t", 9999);
        assertThat(future.queues()).extracting(QueueRewind::targetOffset).containsExactly(3L, 2L);
        assertThat(future.queues()).allMatch(q -> q.targetOffset() == q.maxOffset() && q.targetStoreTimestamp() == null);
        assertThat(future.nothingToReplay()).isTrue();
        assertThat(future.historyTruncated()).isFalse();
        assertThat(future.messagesToReplay()).isZero();
        assertThat(future.summary()).isEqualTo("group g, topic t: 2 queues, 0 messages to replay; the requested time "
                + "is after every stored message");
    }

    @Test
    void aTimeBeforeTheOldestRetainedMessageSaysHowMuchOfTheSpanIsGone() {
        cluster.topic("t", 2);
        cluster.queue("t", "broker-a", 0).stored(100, 101, 102, 103, 104, 105, 106, 107, 108, 109).deletedBefore(4);
        cluster.queue("t", "broker-b", 1).stored(90, 95, 120, 130).deletedBefore(2);
        cluster.queue("t", "broker-a", 1).stored(50, 60); // never lost anything: not truncated

        RewindPlan beforeEverything = planner.plan("g", "t", 50);
        QueueRewind a0 = queue(beforeEverything, "broker-a", 0);
        assertThat(a0.minOffset()).isEqualTo(4);
        assertThat(a0.targetOffset()).isEqualTo(4);
        assertThat(a0.targetStoreTimestamp()).isEqualTo(104);
        assertThat(a0.messagesToReplay()).isEqualTo(6);
        assertThat(queue(beforeEverything, "broker-b", 1).targetOffset()).isEqualTo(2);
        assertThat(beforeEverything.historyTruncated()).isTrue();
        assertThat(beforeEverything.oldestRetainedTimestamp()).as("the earliest of the truncated queues").isEqualTo(104);
        assertThat(beforeEverything.messagesToReplay()).isEqualTo(6 + 2 + 2);
        assertThat(beforeEverything.summary()).endsWith("history before 104 (epoch ms) is no longer retained: 54 ms "
                + "of the requested span are gone");

        RewindPlan atADeletedMessage = planner.plan("g", "t", 102);
        assertThat(queue(atADeletedMessage, "broker-a", 0).targetOffset()).isEqualTo(4);
        assertThat(atADeletedMessage.historyTruncated()).isTrue();
        assertThat(atADeletedMessage.oldestRetainedTimestamp()).isEqualTo(104);

        RewindPlan afterTheCut = planner.plan("g", "t", 106);
        assertThat(afterTheCut.historyTruncated()).as("queue a/0 still holds 106; b/1's oldest, 120, is after it, "
                + "but 95 (deleted) was before 106 too").isTrue();
        assertThat(afterTheCut.oldestRetainedTimestamp()).isEqualTo(120);
        RewindPlan retained = planner.plan("g", "t", 125);
        assertThat(retained.historyTruncated()).as("everything asked for is still there").isFalse();
        assertThat(retained.oldestRetainedTimestamp()).isNull();
        assertThat(queue(retained, "broker-a", 0).targetOffset()).isEqualTo(10);
    }

    @Test
    void countsCompareTheTargetWithTheCommittedOffsetClampedToWhatExists() {
        cluster.topic("t", 2);
        cluster.queue("t", "broker-a", 0).stored(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        cluster.queue("t", "broker-a", 1).stored(10, 20, 30, 40, 50, 60, 70, 80, 90, 100).deletedBefore(4);
        cluster.queue("t", "broker-b", 0).stored(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        cluster.queue("t", "broker-b", 1).stored(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        cluster.commit("g", "t", "broker-a", 0, 2)   // behind the target: skips 4
                .commit("g", "t", "broker-a", 1, 1)  // below min 4: counted from 4, skips 2
                .commit("g", "t", "broker-b", 0, 25); // beyond max 10: counted from 10, replays 4
        // broker-b/1 never committed: replays from the target to max

        RewindPlan plan = planner.plan("g", "t", 70);
        assertThat(plan.queues()).extracting(QueueRewind::targetOffset).containsExactly(6L, 6L, 6L, 6L);
        assertThat(plan.queues()).extracting(QueueRewind::committedOffset).containsExactly(2L, 1L, 25L, null);
        assertThat(plan.queues()).extracting(QueueRewind::messagesToSkip).containsExactly(4L, 2L, 0L, 0L);
        assertThat(plan.queues()).extracting(QueueRewind::messagesToReplay).containsExactly(0L, 0L, 4L, 4L);
        assertThat(plan.messagesToReplay()).isEqualTo(8);
        assertThat(plan.messagesToSkip()).isEqualTo(6);
        assertThat(plan.summary()).isEqualTo("group g, topic t: 4 queues, 8 messages to replay, 6 to skip");
    }

    @Test
    void emptyQueuesTargetTheirMaxAndReplayNothing() {
        cluster.topic("t", 2);
        cluster.queue("t", "broker-a", 1).stored(10, 20, 30, 40, 50).deletedBefore(5); // everything deleted
        cluster.commit("g", "t", "broker-a", 1, 5);

        RewindPlan plan = planner.plan("g", "t", 0);
        assertThat(plan.queues()).extracting(q -> q.broker() + "/" + q.queueId())
                .containsExactly("broker-a/0", "broker-a/1", "broker-b/0", "broker-b/1");
        assertThat(plan.queues()).extracting(QueueRewind::targetOffset).containsExactly(0L, 5L, 0L, 0L);
        assertThat(plan.queues()).allMatch(q -> q.targetStoreTimestamp() == null && q.messagesToReplay() == 0
                && q.messagesToSkip() == 0);
        assertThat(plan.historyTruncated()).as("no retained message is newer than the time").isFalse();
        assertThat(plan.nothingToReplay()).isTrue();
        assertThat(plan.summary()).isEqualTo("group g, topic t: 4 queues, 0 messages to replay; the requested time is "
                + "after every stored message");
    }

    @Test
    void badNamesAndUnknownTopicsAreClearErrors() {
        cluster.topic("t", 1);
        assertThatThrownBy(() -> planner.plan("g", "no-such-topic", 0))
                .isInstanceOf(UnknownTopicException.class)
                .hasMessage("Topic 'no-such-topic' not found on name server " + InMemoryCluster.NAME_SERVER);
        assertThatThrownBy(() -> planner.plan(" ", "t", 0))
                .isInstanceOf(RewindException.class)
                .hasMessage("Consumer group name is empty; accepted: 1 to 255 characters from letters, digits, "
                        + "'_', '-', '%' and '|'");
        assertThatThrownBy(() -> planner.plan(null, "t", 0)).hasMessageContaining("Consumer group name is empty");
        assertThatThrownBy(() -> planner.plan("bad group!", "t", 0))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("Consumer group name 'bad group!' has characters RocketMQ rejects")
                .hasMessageContaining("letters, digits, '_', '-', '%' and '|'");
        assertThatThrownBy(() -> planner.plan("g".repeat(256), "t", 0))
                .hasMessageContaining("is 256 characters long").hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> planner.plan("g", "", 0)).hasMessageContaining("Topic name is empty");
        assertThatThrownBy(() -> planner.plan("g", "topic.with.dots", 0))
                .hasMessageContaining("Topic name 'topic.with.dots' has characters RocketMQ rejects");
        assertThatThrownBy(() -> planner.plan("g", "t".repeat(128), 0))
                .hasMessageContaining("is 128 characters long").hasMessageContaining("1 to 127");
        assertThatThrownBy(() -> planner.plan("%RETRY%g|x_-1", "%missing|topic_-2", 0))
                .as("names made of the accepted characters pass the check and reach the cluster")
                .isInstanceOf(UnknownTopicException.class);
    }

    @Test
    void aBrokerThatFailsFailsThePlanNamingIt() {
        cluster.topic("t", 1).failing(B);
        assertThatThrownBy(() -> planner.plan("g", "t", 0))
                .isInstanceOf(RewindException.class)
                .hasMessageContaining("t broker-b/0").hasMessageContaining("broker " + B)
                .hasMessageContaining("does not answer");
    }

    @Test
    void offsetsReaderReportsLagAndTheStoreTimeAtTheCommittedOffset() {
        cluster.topic("t", 1);
        cluster.queue("t", "broker-a", 0).stored(10, 20, 30, 40, 50).deletedBefore(1);
        cluster.queue("t", "broker-b", 0).stored(10, 20, 30);
        cluster.commit("g", "t", "broker-a", 0, 3);

        assertThat(new OffsetsReader(cluster).read("g", "t")).containsExactly(
                new QueueOffsets("broker-a", 0, 3L, 1, 5, 2, 40L),
                new QueueOffsets("broker-b", 0, null, 0, 3, 3, null));
        cluster.commit("g", "t", "broker-a", 0, 0).commit("g", "t", "broker-b", 0, 3);
        assertThat(new OffsetsReader(cluster).read("g", "t")).as("below min: lag from min; at max: nothing left")
                .containsExactly(new QueueOffsets("broker-a", 0, 0L, 1, 5, 4, null),
                        new QueueOffsets("broker-b", 0, 3L, 0, 3, 0, null));
        cluster.failing(A);
        assertThatThrownBy(() -> new OffsetsReader(cluster).read("g", "t")).hasMessageContaining("broker " + A);
    }

    private static QueueRewind queue(RewindPlan plan, String broker, int queueId) {
        return plan.queues().stream().filter(q -> q.broker().equals(broker) && q.queueId() == queueId).findFirst()
                .orElseThrow();
    }
}
