package dev.backtrack.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;

class CopyPlacementTest {

    private static MessageQueue queue(String broker, int id) {
        return new MessageQueue("JOURNAL", broker, id);
    }

    @Test
    void oneQueueOfEachBrokerTheLowestIdBrokersByNameWhateverTheRouteOrder() {
        List<MessageQueue> route = List.of(queue("broker-c", 1), queue("broker-a", 3), queue("broker-c", 0),
                queue("broker-b", 2), queue("broker-a", 1), queue("broker-b", 5));
        assertThat(CopyPlacement.oneQueuePerBroker(route))
                .containsExactly(queue("broker-a", 1), queue("broker-b", 2), queue("broker-c", 0));
    }

    @Test
    void twoCopiesOrEveryBrokerWhenFewerHaveTheTopic() {
        assertThat(CopyPlacement.needed(1)).isEqualTo(1);
        assertThat(CopyPlacement.needed(2)).isEqualTo(2);
        assertThat(CopyPlacement.needed(16)).isEqualTo(2);
        assertThat(CopyPlacement.oneQueuePerBroker(List.of())).isEmpty();
    }
}
