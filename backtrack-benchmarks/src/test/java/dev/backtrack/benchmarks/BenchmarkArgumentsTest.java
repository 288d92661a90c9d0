package dev.backtrack.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkArgumentsTest {

    @Test
    void absentArgumentsTakeTheDefault() {
        BenchmarkArguments arguments = new BenchmarkArguments("replay-throughput", new String[] {"2000"});
        assertThat(arguments.count(0, "messages", 16, 1_000_000)).isEqualTo(2000);
        assertThat(arguments.count(1, "rounds", 1, 3)).isEqualTo(3);
        assertThat(arguments.text(2, "fallback")).isEqualTo("fallback");
    }

    @Test
    void acceptsSeparatorsInLargeNumbers() {
        BenchmarkArguments arguments = new BenchmarkArguments("replay-throughput", new String[] {"1_000_000", "1,000"});
        assertThat(arguments.count(0, "messages", 16, 0)).isEqualTo(1_000_000);
        assertThat(arguments.count(1, "rounds", 1, 0)).isEqualTo(1_000);
    }

    @Test
    void wordsAndTooSmallNumbersAreRefusedWithWhatIsAccepted() {
        BenchmarkArguments arguments = new BenchmarkArguments("produce-throughput", new String[] {"many", "0"});
        assertThatThrownBy(() -> arguments.count(0, "messages per run", 1, 50_000))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("produce-throughput: messages per run 'many' is not accepted; give a whole number of at "
                        + "least 1, e.g. 3");
        assertThatThrownBy(() -> arguments.count(1, "rounds", 1, 3))
                .hasMessageContaining("rounds '0' is not accepted")
                .hasMessageContaining("at least 1");
    }

    @Test
    void aBoundedCountIsRefusedOutsideItsRangeWithTheRange() {
        BenchmarkArguments arguments = new BenchmarkArguments("replay-throughput",
                new String[] {"600000", "3", "0", "2000", "x".repeat(150)});
        assertThat(arguments.count(5, "threads", 1, 64, 4)).isEqualTo(4);
        assertThatThrownBy(() -> arguments.count(2, "threads", 1, 64, 4))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("replay-throughput: threads '0' is not accepted; give a whole number from 1 to 64, e.g. 4");
        assertThatThrownBy(() -> arguments.count(3, "pullBatchSize", 1, 1024, 32))
                .hasMessage("replay-throughput: pullBatchSize '2000' is not accepted; give a whole number from 1 to "
                        + "1024, e.g. 32");
        assertThatThrownBy(() -> arguments.count(4, "threads", 1, 64, 4))
                .hasMessageContaining("threads '" + "x".repeat(100) + "...' is not accepted");
    }

    @Test
    void replayThroughputRefusesWrongThreadsAndPullBatchBeforeStartingABroker() {
        assertThatThrownBy(() -> ReplayThroughputBenchmark.run(new String[] {"1000", "1", "65"}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("replay-throughput: threads '65' is not accepted; give a whole number from 1 to 64, "
                        + "e.g. 4");
        assertThatThrownBy(() -> ReplayThroughputBenchmark.run(new String[] {"1000", "1", "4", "none"}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("replay-throughput: pullBatchSize 'none' is not accepted; give a whole number from 1 to "
                        + "1024, e.g. 32");
    }

    @Test
    void planCostRefusesAQueueSizeThatIsNotANumber() {
        assertThatThrownBy(() -> PlanCostBenchmark.run(new String[] {"10000", "1e6"}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessageContaining("plan-cost: messages per queue '1e6' is not accepted");
    }

    @Test
    void journalCostAndScaleNameWhatTheirSizesCount() {
        assertThatThrownBy(() -> JournalCostBenchmark.run(new String[] {"10", "ten"}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("journal-cost: journal entries 'ten' is not accepted; give a whole number of at least 2, "
                        + "e.g. 3");
        assertThatThrownBy(() -> ScaleBenchmark.run(new String[] {"1"}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("scale: queues per broker '1' is not accepted; give a whole number of at least 2, e.g. 3");
    }

    @Test
    void embeddingCostNamesTheMissingJarAndHowToBuildIt(@TempDir Path dir) {
        Path missing = dir.resolve("no-such.jar");
        assertThatThrownBy(() -> EmbeddingCostBenchmark.run(new String[] {missing.toString()}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessageContaining("the mq-example jar is not at " + missing)
                .hasMessageContaining("./mvnw -pl mq-example -am package -DskipTests");
    }

    @Test
    void embeddingCostRefusesADirectoryAsTheJar(@TempDir Path dir) {
        assertThatThrownBy(() -> EmbeddingCostBenchmark.run(new String[] {dir.toString()}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessageContaining("the mq-example jar is not at " + dir);
    }

    @Test
    void cliLatencyNamesWhatIsMissingAndHowToBuildIt(@TempDir Path dir) {
        assertThatThrownBy(() -> CliLatencyBenchmark.run(new String[] {"5", "3", dir.toString()}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessageContaining("cli-latency: " + dir.resolve("bin/backtrack") + " is missing")
                .hasMessageContaining("./mvnw -pl backtrack-cli,mq-example -am package -DskipTests");
    }

    @Test
    void cliLatencyRefusesRunCountsThatAreNotNumbers() {
        assertThatThrownBy(() -> CliLatencyBenchmark.run(new String[] {"five"}))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessageContaining("cli-latency: CLI runs 'five' is not accepted");
        assertThatThrownBy(() -> CliLatencyBenchmark.run(new String[] {"5", "0"}))
                .hasMessageContaining("cli-latency: admin-reset runs '0' is not accepted");
    }

    @Test
    void theStandaloneBrokerNeedsExactlyItsStoreDirectory() {
        assertThatThrownBy(() -> StandaloneBroker.run(new String[0]))
                .isInstanceOf(BenchmarkUsageException.class)
                .hasMessage("broker: give exactly one argument, the store directory; got 0");
    }
}
