package dev.backtrack.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.benchmarks.replay.CountingConsumerApplication.BenchOrder;
import dev.backtrack.benchmarks.replay.ReplayCounter;
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
    void counterIsCaughtUpOnlyWhenTheExpectedNumberArrived() throws Exception {
        ReplayCounter counter = new ReplayCounter(5);
        counter.record(0);
        counter.record(3);
        assertThat(counter.awaitCaughtUp(10, TimeUnit.MILLISECONDS)).isFalse();
        counter.record(2);
        assertThat(counter.awaitCaughtUp(10, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(counter.count()).isEqualTo(5);
        assertThat(counter.messagesPerSecond()).isPositive();
    }
}
