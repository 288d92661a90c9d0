package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.TestClients;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a broadcasting consumer of the group connected, {@code plan} and {@code rewind} exit 1 saying that the group's
 * offsets are kept on each consumer's machine, and no offset is written on the broker.
 */
class BroadcastingGroupCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String TOPIC = "bc-cli-orders";
    private static final String GROUP = "bc-cli-billing";
    private static final String REFUSAL = "error: Group '" + GROUP + "' consumes in broadcasting mode: each of its "
            + "consumers keeps its own offsets on its own machine (RocketMQ's local offset store), so the brokers "
            + "cannot move them. Nothing was changed. Backtrack plans and rewinds only clustering groups";

    @TempDir
    static Path localOffsets;

    static CliRun run(String... args) {
        return CliRun.onJournal(MQ.nameServerAddress(), "BC_CLI_JOURNAL", args);
    }

    @Test
    void planAndRewindOfABroadcastingGroupExitOneSayingWhy(EmbeddedRocketMq mq) throws Exception {
        // Broadcasting consumers write their offsets under this directory (default: the user's home).
        System.setProperty("rocketmq.client.localOffsetStoreDir", localOffsets.toString());
        mq.createTopic(TOPIC, 2);
        produce(mq, 4);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
                RecordingConsumer consumer = RecordingConsumer.on(MQ.nameServerAddress(), GROUP, TOPIC)
                        .configure(c -> c.setMessageModel(MessageModel.BROADCASTING)).start()) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> admin.onlineMessageModel(GROUP) == MessageModel.BROADCASTING);

            CliRun plan = run("plan", "-g", GROUP, "-t", TOPIC, "--to", "-1h");
            assertThat(plan.exit()).as(plan.err()).isEqualTo(BacktrackCli.FAILED);
            assertThat(plan.err()).startsWith(REFUSAL).contains("/" + GROUP + "/offsets.json");
            assertThat(plan.out()).isEmpty();

            CliRun json = run("plan", "-g", GROUP, "-t", TOPIC, "--to", "-1h", "--json");
            assertThat(json.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(json.err()).startsWith(REFUSAL);

            CliRun rewind = run("rewind", "-g", GROUP, "-t", TOPIC, "--to", "-1h", "--yes");
            assertThat(rewind.exit()).as(rewind.err()).isEqualTo(BacktrackCli.FAILED);
            assertThat(rewind.err()).startsWith(REFUSAL);
            assertThat(rewind.out()).isEmpty();

            assertThat(new OffsetsReader(admin).read(GROUP, TOPIC)).as("no offset written on the broker")
                    .hasSize(2).allSatisfy(q -> assertThat(q.committedOffset()).isNull());
        }
    }

    private static void produce(EmbeddedRocketMq mq, int count) throws Exception {
        TestClients.send(mq.nameServerAddress(), TOPIC, "order-", count);
    }
}
