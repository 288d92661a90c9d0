package dev.backtrack.core.peek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.InMemoryCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Peeking on an in-memory cluster: the first messages at or after an instant, every queue of every broker merged in
 * store-time order, cut at the limit. The same against a real broker: {@code MessagePeekTest}.
 */
class MessagePeekArithmeticTest {

    private static final String TOPIC = "orders";

    private final InMemoryCluster cluster = new InMemoryCluster().broker("broker-a", "10.0.0.1:10911")
            .broker("broker-b", "10.0.0.2:10911").topic(TOPIC, 1);
    private final MessagePeek peek = new MessagePeek(cluster, 4);

    MessagePeekArithmeticTest() {
        cluster.queue(TOPIC, "broker-a", 0).tagged(100, "a0").tagged(300, "a1").tagged(500, "a2");
        cluster.queue(TOPIC, "broker-b", 0).tagged(200, "b0").tagged(300, "b1").tagged(400, "b2");
    }

    private static List<String> described(List<PeekedMessage> messages) {
        return messages.stream().map(m -> m.tags() + "@" + m.storeTime() + " " + m.broker() + "/" + m.offset())
                .toList();
    }

    @Test
    void theQueuesAreMergedByStoreTimeFromTheInstantAndCutAtTheLimit() {
        List<PeekedMessage> first = peek.peek(TOPIC, 250, 3);

        // a tie in store time goes to the broker named first
        assertThat(described(first)).containsExactly("a1@300 broker-a/1", "b1@300 broker-b/1", "b2@400 broker-b/2");
    }

    @Test
    void anInstantAfterEveryMessageFindsNoneAndOneBeforeEveryMessageStartsAtTheOldest() {
        assertThat(peek.peek(TOPIC, 501, 10)).isEmpty();
        assertThat(described(peek.peek(TOPIC, 0, 2))).containsExactly("a0@100 broker-a/0", "b0@200 broker-b/0");
    }

    @Test
    void messagesOlderThanTheInstantAfterTheSearchedOffsetAreLeftOut() {
        // the broker's clock went back: offset 1 holds an older message than offset 0
        InMemoryCluster skewed = new InMemoryCluster().broker("broker-a", "10.0.0.1:10911").topic("t", 1);
        skewed.queue("t", "broker-a", 0).tagged(300, "late").tagged(100, "early").tagged(400, "later");

        assertThat(described(new MessagePeek(skewed, 4).peek("t", 250, 5)))
                .containsExactly("late@300 broker-a/0", "later@400 broker-a/2");
    }

    @Test
    void bodiesAreCutAndTheLimitIsChecked() {
        PeekedMessage message = peek.peek(TOPIC, 0, 1).get(0);

        assertThat(message.body().truncated()).isTrue();
        assertThat(message.msgId()).isEqualTo("broker-a-0-0");
        assertThatThrownBy(() -> peek.peek(TOPIC, 0, 0)).isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("Limit 0 is out of range; accepted: 1 to 1000");
        assertThatThrownBy(() -> peek.peek(TOPIC, 0, 1001)).isInstanceOf(InvalidRewindInputException.class);
    }
}
