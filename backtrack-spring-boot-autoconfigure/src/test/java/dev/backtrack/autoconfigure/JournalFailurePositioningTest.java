package dev.backtrack.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BindingPositioningException;
import dev.backtrack.autoconfigure.positioning.BindingPositioningFailureAnalyzer;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A journal that exists but cannot be read (its topic refuses reads) never counts as "never applied": start-up stops
 * naming the cause and the property, or, with on-journal-failure=SKIP, starts without moving the group and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class JournalFailurePositioningTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final String TOPIC = "journal-failure-topic";
    private static final String GROUP = "journal-failure-g";
    private static final String JOURNAL = "JOURNAL_WRITE_ONLY";

    private static RocketMqAdmin admin;
    private static List<Long> stored;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BacktrackPositioningAutoConfiguration.class))
            .withPropertyValues("spring.cloud.stream.bindings.in.destination=" + TOPIC,
                    "spring.cloud.stream.bindings.in.group=" + GROUP,
                    "spring.cloud.stream.rocketmq.binder.name-server=" + MQ.nameServerAddress(),
                    "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeFromWhere=CONSUME_FROM_TIMESTAMP",
                    "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=-1h",
                    "backtrack.journal.topic=" + JOURNAL);

    @BeforeAll
    static void consumedGroupAndUnreadableJournal() throws Exception {
        admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
        MQ.rocketMq().createTopic(TOPIC, 2);
        TestClients.send(MQ.nameServerAddress(), TOPIC, 6, i -> "\"m-" + i + "\"");
        String broker = MQ.rocketMq().brokerAddresses().get(0);
        admin.ensureGroup(broker, GROUP);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.queues(TOPIC).stream()
                .mapToLong(q -> admin.maxOffset(q.brokerAddress(), q.queue())).sum() == 6);
        for (QueueAddress queue : admin.queues(TOPIC)) {
            admin.writeOffset(queue.brokerAddress(), GROUP, queue.queue(),
                    admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
        stored = committed();
        assertThat(stored).containsExactly(3L, 3L);
        admin.createTopic(broker, new TopicConfig(JOURNAL, 1, 1, PermName.PERM_WRITE));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.route(JOURNAL) != null);
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void startupStopsNamingTheCauseAndTheProperty() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure.getCause()).isInstanceOf(BindingPositioningException.class)
                    .hasMessageContaining("Binding in (group " + GROUP + ", topic " + TOPIC + ") could not be "
                            + "positioned at consumeTimestamp -1h: the journal could not be read")
                    .hasMessageContaining("nothing was moved")
                    .hasMessageContaining("Cannot read the journal topic " + JOURNAL)
                    .hasMessageContaining("backtrack.positioning.on-journal-failure=SKIP");
            FailureAnalysis analysis = new BindingPositioningFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("Cannot read the journal topic " + JOURNAL);
            assertThat(analysis.getAction()).contains("backtrack.positioning.on-journal-failure=SKIP")
                    .contains("backtrack.journal.topic");
        });
        assertThat(committed()).as("offsets untouched").isEqualTo(stored);
    }

    @Test
    void withSkipItStartsUnpositionedAndSaysSo(CapturedOutput output) {
        runner.withPropertyValues("backtrack.positioning.on-journal-failure=SKIP").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output.getOut()).contains("Backtrack: binding in (group " + GROUP + ", topic " + TOPIC
                    + "), consumeTimestamp -1h: NOT positioned, because the journal could not be read")
                    .contains("Cannot read the journal topic " + JOURNAL)
                    .contains("backtrack.positioning.on-journal-failure=SKIP");
        });
        assertThat(committed()).as("offsets untouched").isEqualTo(stored);
    }

    private static List<Long> committed() {
        return admin.queues(TOPIC).stream()
                .map(q -> admin.committedOffset(q.brokerAddress(), GROUP, q.queue())).toList();
    }
}
