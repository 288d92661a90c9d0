package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as operators run it: its own JVM, ending with System.exit. */
class CliProcessTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRewindWhoseRecordFailsExitsZeroWithTheWarningAndTheProcessEnds(EmbeddedRocketMq mq, @TempDir Path dir)
            throws Exception {
        String topic = "cli-process-orders";
        String journal = "cli-process-read-only-journal";
        mq.createTopic(topic, 2);
        MQ.rocketMq().createReadOnlyTopic(journal);
        long before = System.currentTimeMillis() - 1;
        TestClients.send(MQ.nameServerAddress(), topic, "m-", 5);

        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process cli = new ProcessBuilder(CliRun.processCommand(CliRun.withCluster(MQ.nameServerAddress(), "rewind", "-g",
                "cli-process-group", "-t", topic, "--to", Long.toString(before), "--yes", "--json", "--journal-topic",
                journal)))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("the CLI process exits").isTrue();
        assertThat(cli.exitValue()).as(Files.readString(err)).isZero();
        JsonNode result = JSON.readTree(out.toFile());
        assertThat(result.get("dryRun").asBoolean()).isFalse();
        assertThat(result.get("warnings")).hasSize(1);
        assertThat(result.get("warnings").get(0).asText())
                .startsWith("offsets moved; the record could not be written: ").contains(journal);
        assertThat(result.get("verifiedOffsets").size()).isEqualTo(2);
    }

    @Test
    void aClientWhoseNetworkThreadsWereStoppedNoLongerReachesTheCluster() {
        Set<String> before = Set.copyOf(MQClientManager.getInstance().getFactoryTable().keySet());
        try (RocketMqAdmin admin = new RocketMqAdmin(new AdminSettings(MQ.nameServerAddress(), null, null,
                TestClients.CALL_TIMEOUT))) {
            admin.requireReachable();
            List<MQClientInstance> mine = MQClientManager.getInstance().getFactoryTable().entrySet().stream()
                    .filter(entry -> !before.contains(entry.getKey())).map(Map.Entry::getValue).toList();
            assertThat(mine).hasSize(1);

            NetworkThreadsStopper.stop(mine);

            assertThatThrownBy(admin::requireReachable).isInstanceOf(RewindException.class)
                    .hasMessageContaining(MQ.nameServerAddress());
        }
    }
}
