package dev.backtrack.core.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.StoredMessages;
import dev.backtrack.core.rewind.StoredMessages.Stored;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counts per time bucket on a real two-broker cluster, from offset-by-time look-ups only: bursts produced at distinct
 * instants (their store times read back from the brokers) are counted in the buckets that hold them, on every queue of
 * every broker; the group's position is the store time at its committed offset.
 */
class TopicTimelineTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void countsTheMessagesOfEachBucketOnEveryQueueOfEveryBroker(EmbeddedRocketMq mq) throws Exception {
        String topic = "timeline-" + UUID.randomUUID().toString().substring(0, 8);
        mq.createTopic(topic, 2);
        List<MessageQueue> queues = List.of(new MessageQueue(topic, "broker-a", 0),
                new MessageQueue(topic, "broker-a", 1), new MessageQueue(topic, "broker-b", 0),
                new MessageQueue(topic, "broker-b", 1));
        List<Stored> stored = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            stored.addAll(StoredMessages.send(mq, topic, queues, 5 + 4 * burst, "burst" + burst + "-"));
            long last = stored.stream().mapToLong(Stored::storeTime).max().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > last + 30);
        }
        long first = stored.stream().mapToLong(Stored::storeTime).min().orElseThrow();
        long last = stored.stream().mapToLong(Stored::storeTime).max().orElseThrow();
        // a range starting before the first message and ending after the last, in buckets of at least 2 ms
        TimeBuckets buckets = new TimeBuckets(first - 10, last + 11, (int) Math.min(50, (last - first + 21) / 2));

        Timeline timeline = new TopicTimeline(admin).read(topic, buckets, null);

        assertThat(timeline.total()).isEqualTo(stored.size());
        assertThat(timeline.buckets()).hasSize(buckets.count());
        for (TimelineBucket bucket : timeline.buckets()) {
            long expected = stored.stream()
                    .filter(s -> s.storeTime() >= bucket.start() && s.storeTime() < bucket.end()).count();
            assertThat(bucket.count()).as("bucket [%d, %d)", bucket.start(), bucket.end()).isEqualTo(expected);
        }
        assertThat(timeline.buckets().stream().filter(b -> b.count() > 0).count()).as("the bursts fall apart")
                .isGreaterThanOrEqualTo(2);
        assertThat(timeline.buckets().get(0).start()).isEqualTo(first - 10);
        assertThat(timeline.buckets().get(buckets.count() - 1).end()).isEqualTo(last + 11);
        assertThat(timeline.position()).isEmpty();

        Timeline before = new TopicTimeline(admin).read(topic, new TimeBuckets(first - 1000, first, 10), null);
        assertThat(before.total()).as("nothing stored before the first message").isZero();
        Timeline later = new TopicTimeline(admin).read(topic, new TimeBuckets(last + 1, last + 60_000, 10), null);
        assertThat(later.total()).as("nothing stored after the last message").isZero();
    }

    @Test
    void theGroupsPositionIsTheStoreTimeAtItsCommittedOffset(EmbeddedRocketMq mq) throws Exception {
        String topic = "timeline-pos-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "timeline-pos-group-" + UUID.randomUUID().toString().substring(0, 8);
        MessageQueue queue = StoredMessages.oneQueueTopic(mq, topic);
        List<Stored> stored = StoredMessages.send(mq, topic, List.of(queue), 4, "p-");
        String address = mq.brokers().stream().filter(b -> b.name().equals("broker-a")).findFirst().orElseThrow()
                .address();
        admin.ensureGroup(address, group);
        admin.writeOffset(address, group, queue, 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Long.valueOf(2).equals(admin.committedOffset(address, group, queue)));

        Timeline timeline = new TopicTimeline(admin).read(topic,
                new TimeBuckets(stored.get(0).storeTime(), stored.get(3).storeTime() + 1, 1), group);

        assertThat(timeline.position()).containsExactly(
                new QueuePosition("broker-a", 0, 2L, stored.get(2).storeTime()),
                new QueuePosition("broker-b", 0, null, null));
    }

    @Test
    void badRangesAndBucketCountsAreRefusedSayingWhatIsAccepted() {
        assertThatThrownBy(() -> new TimeBuckets(100, 100, 1)).isInstanceOf(InvalidRewindInputException.class)
                .hasMessageContaining("empty").hasMessageContaining("accepted");
        assertThatThrownBy(() -> new TimeBuckets(0, 10_000, 0)).hasMessageContaining("accepted: 1 to 500");
        assertThatThrownBy(() -> new TimeBuckets(0, 10_000, 501)).hasMessageContaining("accepted: 1 to 500");
        assertThat(new TimeBuckets(0, 10, 3).edges()).containsExactly(0, 3, 6, 10);
    }
}
