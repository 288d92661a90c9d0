package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.InMemoryCluster;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.PositionRequest.AtTime;
import dev.backtrack.core.position.PositionRequest.ShiftBy;
import dev.backtrack.core.position.PositionRequest.ToGroupOf;
import dev.backtrack.core.position.PositionRequest.ToOffset;
import dev.backtrack.core.position.QueueRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plans to explicit offsets, by a shift, to another group's offsets and on selected queues, on an in-memory cluster:
 * targets, clamping notes, counts, queues left alone and wrong values. On a real broker: PositionRewindTest.
 */
class RewindPlannerPositionsTest {

    private static final String A = "10.0.0.1:10911";
    private static final String B = "10.0.0.2:10911";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", A).broker("broker-b", B);
    private final RewindPlanner planner = new RewindPlanner(cluster);

    @BeforeEach
    void tenMessagesOnEveryQueue() {
        cluster.topic("t", 2);
        for (String broker : List.of("broker-a", "broker-b")) {
            for (int id = 0; id < 2; id++) {
                cluster.queue("t", broker, id).stored(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
            }
        }
        cluster.queue("t", "broker-b", 1).deletedBefore(4);
        cluster.commit("g", "t", "broker-a", 0, 8).commit("g", "t", "broker-a", 1, 2)
                .commit("g", "t", "broker-b", 0, 10).commit("g", "t", "broker-b", 1, 6);
    }

    @Test
    void oneOffsetForEveryQueueIsClampedToEachQueuesRangeWithANote() {
        RewindPlan plan = planner.plan("g", "t", new ToOffset(3), Set.of());

        assertThat(plan.queues()).extracting(QueueRewind::targetOffset).containsExactly(3L, 3L, 3L, 4L);
        assertThat(plan.queues()).extracting(QueueRewind::requestedOffset).containsExactly(3L, 3L, 3L, 3L);
        assertThat(plan.queues()).extracting(QueueRewind::clamped).containsExactly(false, false, false, true);
        assertThat(plan.queues()).extracting(QueueRewind::messagesToReplay).containsExactly(5L, 0L, 7L, 2L);
        assertThat(plan.queues()).extracting(QueueRewind::messagesToSkip).containsExactly(0L, 1L, 0L, 0L);
        assertThat(plan.queues()).extracting(QueueRewind::targetStoreTimestamp).containsExactly(40L, 40L, 40L, 50L);
        assertThat(plan.notes()).containsExactly("broker-b/1: offset 3 is below the min offset 4 (the oldest retained "
                + "message); clamped to 4");
        assertThat(plan.position()).isEqualTo("offset 3");
        assertThat(plan.asked()).isEqualTo("offset 3");
        assertThat(plan.byTime()).isFalse();
        assertThat(plan.requestedTimestamp()).isEqualTo(RewindPlan.NOT_BY_TIME);
        assertThat(plan.untouchedQueues()).isEmpty();
        assertThat(plan.summary()).isEqualTo("group g, topic t: 4 queues, 14 messages to replay, 1 to skip; 1 note");

        RewindPlan beyond = planner.plan("g", "t", new ToOffset(500), Set.of());
        assertThat(beyond.queues()).extracting(QueueRewind::targetOffset).containsExactly(10L, 10L, 10L, 10L);
        assertThat(beyond.queues()).allMatch(QueueRewind::clamped);
        assertThat(beyond.notes()).hasSize(4).first().isEqualTo("broker-a/0: offset 500 is above the max offset 10 "
                + "(the next offset to be written); clamped to 10");
        assertThat(beyond.nothingToReplay()).isTrue();
        assertThat(beyond.summary()).contains("every target is at the end of its queue");
    }

    @Test
    void aListOfOffsetsMovesOnlyTheQueuesItNames() {
        RewindPlan plan = planner.plan("g", "t", PositionRequest.offsets("broker-b/0=1, broker-a/1=0", "--to-offset"),
                Set.of());

        assertThat(plan.queues()).extracting(QueueRewind::name).containsExactly("broker-a/1", "broker-b/0");
        assertThat(plan.queues()).extracting(QueueRewind::targetOffset).containsExactly(0L, 1L);
        assertThat(plan.untouchedQueues()).containsExactly("broker-a/0", "broker-b/1");
        assertThat(plan.selectedQueues()).containsExactly("broker-a/1", "broker-b/0");
        assertThat(plan.messagesToReplay()).isEqualTo(2 + 9);
        assertThat(plan.position()).isEqualTo("offsets broker-a/1=0,broker-b/0=1");
        assertThat(plan.asked()).isEqualTo("offsets broker-a/1=0,broker-b/0=1 on broker-a/1,broker-b/0");
    }

    @Test
    void aShiftMovesEveryQueueFromItsCommittedOffsetWithinItsRange() {
        RewindPlan back = planner.plan("g", "t", new ShiftBy(-5), Set.of());
        assertThat(back.queues()).extracting(QueueRewind::targetOffset).containsExactly(3L, 0L, 5L, 4L);
        assertThat(back.queues()).extracting(QueueRewind::requestedOffset).containsExactly(3L, -3L, 5L, 1L);
        assertThat(back.queues()).extracting(QueueRewind::messagesToReplay).containsExactly(5L, 2L, 5L, 2L);
        assertThat(back.notes()).containsExactly(
                "broker-a/1: committed offset 2 shifted by -5 = -3 is below the min offset 0 (the oldest retained "
                        + "message); clamped to 0",
                "broker-b/1: committed offset 6 shifted by -5 = 1 is below the min offset 4 (the oldest retained "
                        + "message); clamped to 4");
        assertThat(back.position()).isEqualTo("shift -5");

        RewindPlan forward = planner.plan("g", "t", PositionRequest.shift("+3", "--shift-by"), Set.of());
        assertThat(forward.queues()).extracting(QueueRewind::targetOffset).containsExactly(10L, 5L, 10L, 9L);
        assertThat(forward.queues()).extracting(QueueRewind::messagesToSkip).containsExactly(2L, 3L, 0L, 3L);
        assertThat(forward.notes()).containsExactly("broker-a/0: committed offset 8 shifted by 3 = 11 is above the "
                + "max offset 10 (the next offset to be written); clamped to 10", "broker-b/0: committed offset 10 "
                + "shifted by 3 = 13 is above the max offset 10 (the next offset to be written); clamped to 10");
        assertThat(forward.position()).isEqualTo("shift +3");

        RewindPlan huge = planner.plan("g", "t", new ShiftBy(Long.MIN_VALUE + 1), Set.of());
        assertThat(huge.queues()).as("no overflow").extracting(QueueRewind::targetOffset)
                .containsExactly(0L, 0L, 0L, 4L);
    }

    @Test
    void aShiftLeavesQueuesWithoutACommittedOffsetWhereTheyAreAndSaysSo() {
        cluster.queue("t", "broker-a", 2).stored(10, 20);
        RewindPlan plan = planner.plan("g", "t", new ShiftBy(-1), Set.of());
        assertThat(plan.untouchedQueues()).containsExactly("broker-a/2");
        assertThat(plan.notes()).contains("broker-a/2: group g has no committed offset here, so there is nothing to "
                + "shift from; not moved");
        assertThat(plan.queues()).extracting(QueueRewind::name).doesNotContain("broker-a/2");

        assertThatThrownBy(() -> planner.plan("new-g", "t", new ShiftBy(-1), Set.of()))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("Group 'new-g' has no committed offset on any queue of topic 't', so there is nothing to "
                        + "shift from; give offsets or a time instead");
    }

    @Test
    void aGroupTakesAnotherGroupsOffsetsAndThePlanShowsBoth() {
        cluster.commit("other", "t", "broker-a", 0, 1).commit("other", "t", "broker-a", 1, 9)
                .commit("other", "t", "broker-b", 1, 2);

        RewindPlan plan = planner.plan("g", "t", new ToGroupOf("other"), Set.of());

        assertThat(plan.otherGroup()).isEqualTo("other");
        assertThat(plan.queues()).extracting(QueueRewind::name).containsExactly("broker-a/0", "broker-a/1", "broker-b/1");
        assertThat(plan.queues()).extracting(QueueRewind::committedOffset).containsExactly(8L, 2L, 6L);
        assertThat(plan.queues()).extracting(QueueRewind::otherGroupOffset).containsExactly(1L, 9L, 2L);
        assertThat(plan.queues()).extracting(QueueRewind::targetOffset).containsExactly(1L, 9L, 4L);
        assertThat(plan.untouchedQueues()).containsExactly("broker-b/0");
        assertThat(plan.notes()).containsExactly(
                "broker-b/0: group other has no committed offset here; not moved",
                "broker-b/1: group other's offset 2 is below the min offset 4 (the oldest retained message); "
                        + "clamped to 4");
        assertThat(plan.position()).isEqualTo("group of other");
    }

    @Test
    void aGroupWithNoOffsetsOrTheSameGroupCannotBeCopied() {
        assertThatThrownBy(() -> planner.plan("g", "t", new ToGroupOf("nobody"), Set.of()))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("Group 'nobody' has no committed offset on any queue of topic 't' (the group does not "
                        + "exist, or never consumed the topic): nothing to copy");
        assertThatThrownBy(() -> planner.plan("g", "t", new ToGroupOf("g"), Set.of()))
                .hasMessage("Group 'g' cannot take its own offsets; name another consumer group of topic 't'");
        assertThatThrownBy(() -> planner.plan("g", "t", new ToGroupOf("bad group"), Set.of()))
                .hasMessageContaining("Consumer group name 'bad group' has characters RocketMQ rejects");
    }

    @Test
    void selectedQueuesAreTheOnlyOnesThatMoveForEveryKind() {
        Set<QueueRef> only = Set.of(new QueueRef("broker-a", 1), new QueueRef("broker-b", 1));
        cluster.commit("other", "t", "broker-a", 1, 7).commit("other", "t", "broker-b", 1, 8);
        for (PositionRequest position : List.of(new AtTime(0, "0"), new ToOffset(5), new ShiftBy(-1),
                new ToGroupOf("other"))) {
            RewindPlan plan = planner.plan("g", "t", position, only);
            assertThat(plan.queues()).as(position.describe()).extracting(QueueRewind::name)
                    .containsExactly("broker-a/1", "broker-b/1");
            assertThat(plan.untouchedQueues()).containsExactly("broker-a/0", "broker-b/0");
            assertThat(plan.selectedQueues()).containsExactly("broker-a/1", "broker-b/1");
            assertThat(plan.asked()).isEqualTo(position.describe() + " on broker-a/1,broker-b/1");
        }
        RewindPlan byTime = planner.plan("g", "t", new AtTime(35, "35"), only);
        assertThat(byTime.queues()).extracting(QueueRewind::targetOffset).containsExactly(3L, 4L);
        assertThat(byTime.byTime()).isTrue();
        assertThat(byTime.historyTruncated()).isTrue();
    }

    @Test
    void unknownQueuesAreNamedWithTheQueuesThatExist() {
        assertThatThrownBy(() -> planner.plan("g", "t", new ToOffset(0),
                Set.of(new QueueRef("broker-c", 0), new QueueRef("broker-a", 7))))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("Unknown queue: queue id 7 of broker-a/7 is not a queue of topic 't' on broker-a (queue "
                        + "ids: 0, 1); broker 'broker-c' of broker-c/0 holds no queue of topic 't' in its route "
                        + "(brokers: broker-a, broker-b). Nothing was changed; accepted: BROKER/QUEUE_ID, e.g. "
                        + "broker-a/0 naming a queue of the topic");
        assertThatThrownBy(() -> planner.plan("g", "t", PositionRequest.offsets("broker-a/2=1", "--to-offset"),
                Set.of())).hasMessageContaining("queue id 2 of broker-a/2 is not a queue of topic 't'");
        assertThatThrownBy(() -> planner.plan("g", "t", PositionRequest.offsets("broker-a/0=1", "--to-offset"),
                Set.of(new QueueRef("broker-a", 0))))
                .hasMessageStartingWith("A list of offsets per queue already names the queues that move");
    }

    @Test
    void aPlanLimitedToQueuesIsNeverPartialAndUntouchedQueuesCountAsPresent() {
        cluster.unroutedBroker("broker-c", "10.0.0.3:10911").queue("t", "broker-c", 0).stored(1);
        BrokerCoverageCheck check = new BrokerCoverageCheck(cluster, null);
        assertThat(check.check(planner.plan("g", "t", new ToOffset(0), Set.of())).missingBrokerNames())
                .containsExactly("broker-c");
        assertThat(check.check(planner.plan("g", "t", new ToOffset(0), Set.of(new QueueRef("broker-a", 0))))
                .complete()).isTrue();

        cluster.commit("other", "t", "broker-a", 0, 1);
        BrokerCoverage copy = check.check(planner.plan("g", "t", new ToGroupOf("other"), Set.of()));
        assertThat(copy.missingBrokerNames()).as("broker-b is in the route; its queues stay").containsExactly("broker-c");
    }
}
