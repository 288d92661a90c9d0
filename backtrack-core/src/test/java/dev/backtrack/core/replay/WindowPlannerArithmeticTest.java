package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.InMemoryCluster;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

/**
 * Window planning and reading on an in-memory cluster: which offsets bound the window, how many of its messages the
 * group's tags keep, when its history is gone, and which groups are refused. The same against a real broker:
 * {@code WindowReplayTest}, {@code WindowHistoryGoneTest}.
 */
class WindowPlannerArithmeticTest {

    private static final String A = "10.0.0.1:10911";
    private static final String TOPIC = "orders";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", A).topic(TOPIC, 2);
    private final List<String> pulls = new ArrayList<>();

    WindowPlannerArithmeticTest() {
        cluster.queue(TOPIC, "broker-a", 0).tagged(100, "red").tagged(200, "blue").tagged(300, "red")
                .tagged(400, "green").tagged(500, "red");
        cluster.queue(TOPIC, "broker-a", 1).tagged(150, "blue").tagged(250, "red").tagged(350, "blue");
        cluster.commit("g", TOPIC, "broker-a", 0, 5).commit("g", TOPIC, "broker-a", 1, 3);
    }

    /** A reader over the in-memory queues, answering as a broker does when the offset is below the min offset. */
    private WindowReader reader() {
        return new WindowReader((queue, offset, max) -> {
            pulls.add(queue.getQueueId() + "@" + offset);
            long min = cluster.minOffset(A, queue);
            if (offset < min) {
                return new PullResult(PullStatus.OFFSET_ILLEGAL, min, min, cluster.maxOffset(A, queue), null);
            }
            List<MessageExt> found = cluster.readMessages(A, queue, offset, max);
            long next = found.isEmpty() ? offset : found.get(found.size() - 1).getQueueOffset() + 1;
            return new PullResult(found.isEmpty() ? PullStatus.NO_NEW_MSG : PullStatus.FOUND, next, min,
                    cluster.maxOffset(A, queue), found.isEmpty() ? null : found);
        }, () -> pulls.add("closed"));
    }

    private WindowPlan plan(long from, long until, String tags) {
        return new WindowPlanner(cluster, cluster, this::reader).plan(new ReplayWindow("g", TOPIC, from, until),
                GivenTags.option(tags));
    }

    @Test
    void theWindowIsBoundedByStoreTimesAndCountedByTheGivenTags() {
        WindowPlan plan = plan(200, 400, "red");

        assertThat(plan.queues()).extracting(WindowQueue::beginOffset, WindowQueue::endOffset)
                .containsExactly(tuple(1L, 3L), tuple(1L, 3L));
        // queue 0 holds blue@200 and red@300, queue 1 red@250 and blue@350 in [200, 400)
        assertThat(plan.matching()).isEqualTo(2);
        assertThat(plan.filteredOut()).isEqualTo(2);
        assertThat(plan.target().online()).isFalse();
        assertThat(plan.historyGone()).isEmpty();
        assertThat(pulls).endsWith("closed");
    }

    @Test
    void theLiveSubscriptionOfAnOnlineGroupFilters() {
        cluster.online("g", "client-1").subscribes("g", TOPIC, "blue || green");

        WindowPlan plan = plan(0, 1_000, null);

        assertThat(plan.target().online()).isTrue();
        assertThat(plan.stored()).isEqualTo(8);
        assertThat(plan.matching()).as("blue@200, green@400, blue@150, blue@350").isEqualTo(4);
        assertThat(plan.filteredOut()).isEqualTo(4);
    }

    @Test
    void aWindowWhoseOldestMessagesWereDeletedIsMarkedAndNotReadBelowTheMinOffset() {
        cluster.queue(TOPIC, "broker-a", 0).deletedBefore(2);

        WindowPlan plan = plan(100, 1_000, "*");

        WindowQueue gone = plan.queues().get(0);
        assertThat(gone.historyGone()).isTrue();
        assertThat(gone.earliestRetained()).isEqualTo(300);
        assertThat(gone.beginOffset()).isEqualTo(2);
        assertThat(gone.matching()).isEqualTo(3);
        assertThat(plan.queues().get(1).historyGone()).as("nothing deleted there").isFalse();
        assertThat(plan.historyGone()).containsExactly(gone);
    }

    @Test
    void aWindowAfterTheLastMessageIsEmptyAtTheQueueEnd() {
        WindowPlan plan = plan(600, 700, "*");

        assertThat(plan.queues()).allSatisfy(q -> {
            assertThat(q.stored()).isZero();
            assertThat(q.beginOffset()).isEqualTo(q.endOffset());
        });
        assertThat(plan.queues()).extracting(WindowQueue::endOffset).containsExactly(5L, 3L);
    }

    @Test
    void anOfflineGroupNeedsTagsAndAnUnknownGroupIsRefused() {
        assertThatThrownBy(() -> plan(0, 1_000, null)).isInstanceOf(InvalidRewindInputException.class)
                .hasMessageStartingWith("Group 'g' has no consumer online");
        assertThatThrownBy(() -> new WindowPlanner(cluster, cluster, this::reader)
                .plan(new ReplayWindow("nobody", TOPIC, 0, 1_000), GivenTags.option("*")))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessageStartingWith("Group 'nobody' is unknown on topic 'orders'");
    }

    @Test
    void orderlyAndBroadcastingConsumersAreRefused() {
        cluster.online("g", "client-1").subscribes("g", TOPIC, "*").orderly("g");
        assertThatThrownBy(() -> plan(0, 1_000, null)).isInstanceOf(UnsupportedGroupException.class)
                .hasMessageContaining("consumes orderly (consumer client-1)");

        cluster.broadcasting("g");
        assertThatThrownBy(() -> plan(0, 1_000, null)).isInstanceOf(UnsupportedGroupException.class)
                .hasMessageContaining("consumes in broadcasting mode");
    }

    @Test
    void theReaderSkipsMessagesDeletedMeanwhileAndStopsAtTheEnd() {
        cluster.queue(TOPIC, "broker-a", 0).deletedBefore(3);
        List<Long> offsets = new ArrayList<>();

        try (WindowReader reader = reader()) {
            reader.read(new MessageQueue(TOPIC, "broker-a", 0), 1, 4, m -> offsets.add(m.getQueueOffset()));
        }

        assertThat(offsets).containsExactly(3L);
        assertThat(pulls).containsExactly("0@1", "0@3", "closed");
    }

    @Test
    void theReaderFailsWhenTheBrokerAnswersWithoutMovingOn() {
        MessageQueue queue = new MessageQueue(TOPIC, "broker-a", 1);
        try (WindowReader reader = reader()) {
            assertThatThrownBy(() -> reader.read(queue, 3, 5, m -> { }))
                    .hasMessage("Cannot read orders broker-a/1 at offset 3: the broker answered NO_NEW_MSG");
        }
    }
}
