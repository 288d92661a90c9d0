package dev.backtrack.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.benchmarks.replay.CountingConsumerApplication.BenchOrder;
import dev.backtrack.benchmarks.replay.OrderIds;
import dev.backtrack.benchmarks.replay.ReplayCounter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReplayPayloadTest {

    @Test
    void everyOrderIsOneKibibyteOfJsonThatReadsBackAsTheOrder() throws Exception {
        for (long id : new long[] {0, 7, 123_456, 999_999_999L}) {
            byte[] body = ReplayThroughputBenchmark.jsonBody(id);
            assertThat(body).hasSize(1024);
            BenchOrder order = new ObjectMapper().readValue(body, BenchOrder.class);
            assertThat(order.id()).isEqualTo(id);
            assertThat(order.desc()).isEqualTo(ReplayThroughputBenchmark.padding(id));
        }
    }

    @Test
    void theIdIsReadFromTheStartOfTheOrdersJson() {
        for (long id : new long[] {0, 7, 123_456, 999_999_999L}) {
            assertThat(OrderIds.idOf(ReplayThroughputBenchmark.jsonBody(id))).isEqualTo(id);
            assertThat(OrderIds.idOf((Object) new String(ReplayThroughputBenchmark.jsonBody(id),
                    StandardCharsets.UTF_8))).isEqualTo(id);
        }
        assertThatThrownBy(() -> OrderIds.idOf("{\"desc\":\"x\",\"id\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a benchmark order");
    }

    @Test
    void counterIsCaughtUpOnlyWhenEveryExpectedIdArrived() throws Exception {
        ReplayCounter counter = new ReplayCounter(100, 5);
        for (long id : new long[] {100, 101, 102, 102, 103, 99, 105}) {
            counter.record(id);
        }
        assertThat(counter.awaitCaughtUp(10, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(counter.count()).isEqualTo(4);
        assertThat(counter.duplicates()).isEqualTo(1);
        assertThat(counter.outsideRange()).isEqualTo(2);
        counter.record(104);
        assertThat(counter.awaitCaughtUp(10, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(counter.count()).isEqualTo(5);
        assertThat(counter.messagesPerSecond()).isPositive();
    }

    @Test
    void aReplayThatLostMessagesFailsNamingHowManyAreMissing() {
        ReplayCounter counter = new ReplayCounter(0, 3);
        counter.record(0);
        assertThatThrownBy(() -> counter.awaitCaughtUp("raw path", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raw path: no new message for 1 s; received 1 of 3 ids (2 missing");
    }
}
