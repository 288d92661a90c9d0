package dev.backtrack.core.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.position.PositionRequest.ShiftBy;
import dev.backtrack.core.position.PositionRequest.ToOffset;
import dev.backtrack.core.position.PositionRequest.ToOffsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reading offsets, shifts, groups and queues as users write them, and the errors for wrong values. */
class PositionRequestTest {

    @Test
    void offsetsAreOneForEveryQueueOrAListPerQueue() {
        assertThat(PositionRequest.offsets(" 42 ", "--to-offset")).isEqualTo(new ToOffset(42));
        assertThat(PositionRequest.offsets("broker-a/0=5, broker-b/3 = 7", "--to-offset")).isEqualTo(new ToOffsets(
                new TreeMap<>(Map.of(new QueueRef("broker-a", 0), 5L, new QueueRef("broker-b", 3), 7L))));
    }

    @Test
    void wrongOffsetsSayWhatIsAccepted() {
        String accepted = "accepted: one offset for every queue (e.g. 5) or a list BROKER/QUEUE_ID=OFFSET,... "
                + "(e.g. broker-a/0=5,broker-a/1=7); offsets are whole numbers, 0 or more";
        assertThatThrownBy(() -> PositionRequest.offsets("-5", "--to-offset"))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("--to-offset '-5' is not an offset; " + accepted);
        assertThatThrownBy(() -> PositionRequest.offsets("abc", "--to-offset"))
                .hasMessage("--to-offset 'abc' is not an offset; " + accepted);
        assertThatThrownBy(() -> PositionRequest.offsets(" ", "Field 'toOffset'"))
                .hasMessage("Field 'toOffset' is empty; " + accepted);
        assertThatThrownBy(() -> PositionRequest.offsets("broker-a/0=5,broker-a/1", "--to-offset"))
                .hasMessage("--to-offset 'broker-a/0=5,broker-a/1': item 'broker-a/1' has no '='; " + accepted);
        assertThatThrownBy(() -> PositionRequest.offsets("broker-a/0=x", "--to-offset"))
                .hasMessage("--to-offset 'broker-a/0=x': offset 'x' of broker-a/0 is not an offset; " + accepted);
        assertThatThrownBy(() -> PositionRequest.offsets("broker-a:0=1", "--to-offset"))
                .hasMessage("--to-offset queue 'broker-a:0' is not a queue; accepted: BROKER/QUEUE_ID, e.g. broker-a/0");
        assertThatThrownBy(() -> PositionRequest.offsets("broker-a/0=1,broker-a/0=2", "--to-offset"))
                .hasMessage("--to-offset 'broker-a/0=1,broker-a/0=2' names queue broker-a/0 twice; " + accepted);
        assertThatThrownBy(() -> PositionRequest.offsets("99999999999999999999", "--to-offset"))
                .hasMessageContaining("is not an offset");
        assertThatThrownBy(() -> PositionRequest.offsets("x".repeat(500), "--to-offset"))
                .hasMessageContaining("(500 characters)");
    }

    @Test
    void shiftsAreSignedWholeNumbers() {
        assertThat(PositionRequest.shift("-100", "--shift-by")).isEqualTo(new ShiftBy(-100));
        assertThat(PositionRequest.shift("+7", "--shift-by")).isEqualTo(new ShiftBy(7));
        assertThat(PositionRequest.shift("7", "--shift-by").describe()).isEqualTo("shift +7");
        for (String wrong : List.of("", "abc", "-1.5", "--5", "1e3", "99999999999999999999")) {
            assertThatThrownBy(() -> PositionRequest.shift(wrong, "--shift-by"))
                    .isInstanceOf(InvalidRewindInputException.class)
                    .hasMessage("--shift-by '" + wrong + "' is not a shift; accepted: a whole number of messages, -N "
                            + "(back) or +N (forward), e.g. -100");
        }
    }

    @Test
    void groupsAndQueuesAreChecked() {
        assertThat(PositionRequest.groupOf(" other ", "--to-group-of").group()).isEqualTo("other");
        assertThatThrownBy(() -> PositionRequest.groupOf("a b", "--to-group-of"))
                .hasMessageStartingWith("--to-group-of: Consumer group name 'a b' has characters RocketMQ rejects");
        assertThat(QueueRef.parseAll(List.of("broker-b/1,broker-a/0", "broker-a/0"), "--queue"))
                .containsExactly(new QueueRef("broker-a", 0), new QueueRef("broker-b", 1));
        for (String wrong : List.of("broker-a", "broker-a/", "/0", "broker-a/x", "broker a/0", "broker-a/0/1", "")) {
            assertThatThrownBy(() -> QueueRef.parse(wrong, "--queue"))
                    .isInstanceOf(InvalidRewindInputException.class)
                    .hasMessage("--queue '" + wrong + "' is not a queue; accepted: BROKER/QUEUE_ID, e.g. broker-a/0");
        }
    }
}
