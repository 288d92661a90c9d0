package dev.backtrack.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.position.QueueRef;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The offsets file's form: written and read back, and every wrong line named by its number at once. */
class OffsetsCsvTest {

    @Test
    void aWrittenFileIsReadBackRowByRow() {
        SortedMap<QueueRef, Long> orders = new TreeMap<>(Map.of(new QueueRef("broker-a", 1), 7L,
                new QueueRef("broker-a", 0), 5L));
        String text = OffsetsCsv.write(new GroupOffsets("g", Map.of("orders", orders)));
        assertThat(text).isEqualTo("topic,broker,queue,offset\norders,broker-a,0,5\norders,broker-a,1,7\n");

        OffsetFile file = OffsetsCsv.parse(text.replace("\n", "\r\n") + "\n\n", "f.csv");
        assertThat(file.rows()).containsExactly(new OffsetRow(2, "orders", new QueueRef("broker-a", 0), 5),
                new OffsetRow(3, "orders", new QueueRef("broker-a", 1), 7));
        assertThat(file.byTopic()).containsOnlyKeys("orders");
    }

    @Test
    void everyWrongLineIsNamedInOneError() {
        String text = String.join("\n", List.of("topic,broker,queue,offset", "orders,broker-a,0,5",
                "orders,broker-a,0,6", "orders,broker a,1,-3", "just-one-field", "orders,broker-a,99999999999,1"));
        assertThatThrownBy(() -> OffsetsCsv.parse(text, "f.csv"))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessageStartingWith("Offsets file f.csv: 4 problems; nothing was changed.")
                .hasMessageContaining("line 3: topic orders queue broker-a/0 is already on line 2")
                .hasMessageContaining("line 4: broker 'broker a' is not a broker name, offset '-3' is not an offset")
                .hasMessageContaining("line 5: 'just-one-field' has 1 field, not 4")
                .hasMessageContaining("line 6: queue '99999999999' is not a queue id");
    }

    @Test
    void anEmptyFileAHeaderAloneAndAWrongHeaderAreRefused() {
        assertThatThrownBy(() -> OffsetsCsv.parse(" \n", "f.csv")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> OffsetsCsv.parse("topic,broker,queue,offset\n", "f.csv"))
                .hasMessageContaining("no rows after the header");
        assertThatThrownBy(() -> OffsetsCsv.parse("\ntopic;broker;queue;offset\norders,broker-a,0,1", "f.csv"))
                .hasMessageContaining("line 2: the header is 'topic;broker;queue;offset'; accepted: exactly "
                        + "'topic,broker,queue,offset'");
    }
}
