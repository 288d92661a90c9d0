package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code backtrack rewind --rate} on a real broker: wrong values are refused with what is accepted; a group with no
 * consumer online is rewound all the same, with a warning that the rate cannot apply, and the journal says the rate.
 */
class RewindRateCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun run(String... args) {
        return CliRun.against(MQ.nameServerAddress(), "", System.getenv(), args);
    }

    @Test
    void wrongRatesAreUsageErrorsThatSayWhatIsAccepted(EmbeddedRocketMq mq) throws Exception {
        MessageQueue queue = consumedTopic(mq, "rate-cli-wrong", "rate-cli-wrong-g");
        for (String wrong : new String[] {"0", "abc", "-5/s", "10/h"}) {
            CliRun refused = run("rewind", "-g", "rate-cli-wrong-g", "-t", "rate-cli-wrong", "--shift-by", "-4",
                    "--rate", wrong, "--yes", "--journal-topic", "RATE_CLI_WRONG_JOURNAL");
            assertThat(refused.exit()).as(refused.err()).isEqualTo(BacktrackCli.USAGE);
            assertThat(refused.err()).contains("Rate '" + wrong + "' is not accepted; accepted: " + SendRate.ACCEPTED);
            assertThat(refused.out()).isEmpty();
        }
        assertThat(committed(mq, "rate-cli-wrong-g", queue)).isEqualTo(10);
    }

    @Test
    void aRateForAGroupWithoutConsumersOnlineRewindsAndWarnsThatItCannotApply(EmbeddedRocketMq mq) throws Exception {
        String group = "rate-cli-offline-g";
        String journal = "RATE_CLI_OFFLINE_JOURNAL";
        MessageQueue queue = consumedTopic(mq, "rate-cli-offline", group);

        CliRun rewind = run("rewind", "-g", group, "-t", "rate-cli-offline", "--shift-by", "-4", "--rate", "200/s",
                "--yes", "--json", "--journal-topic", journal);

        assertThat(rewind.exit()).as(rewind.err()).isZero();
        JsonNode result = JSON.readTree(rewind.out());
        assertThat(result.get("path").asText()).isEqualTo("OFFLINE_WRITE");
        assertThat(result.get("warnings").toString()).contains("the rate applies only to instances with the "
                + "Backtrack starter").contains("consume the replayed range at full speed");
        assertThat(committed(mq, group, queue)).isEqualTo(6);
        JsonNode history = JSON.readTree(run("history", "-g", group, "--json", "--journal-topic", journal).out());
        assertThat(history.get(0).get("requestedTime").asText()).endsWith(" at 200/s");

        CliRun text = run("rewind", "-g", group, "-t", "rate-cli-offline", "--shift-by", "-1", "--rate", "600/m",
                "--yes", "--journal-topic", journal);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Warning: the rate applies only to instances with the Backtrack starter");
    }

    /** A topic of one queue with 10 messages, and the group's committed offset at its end. */
    private static MessageQueue consumedTopic(EmbeddedRocketMq mq, String topic, String group) throws Exception {
        mq.createTopic(topic, 1);
        TestClients.send(mq.nameServerAddress(), topic, "m-", 10);
        MessageQueue queue = new MessageQueue(topic, "broker-a", 0);
        try (RocketMqAdmin admin = admin()) {
            admin.ensureGroup(mq.brokers().get(0).address(), group);
            admin.writeOffset(mq.brokers().get(0).address(), group, queue, 10);
        }
        return queue;
    }

    private static Long committed(EmbeddedRocketMq mq, String group, MessageQueue queue) {
        try (RocketMqAdmin admin = admin()) {
            return admin.committedOffset(mq.brokers().get(0).address(), group, queue);
        }
    }

    private static RocketMqAdmin admin() {
        return new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
    }
}
