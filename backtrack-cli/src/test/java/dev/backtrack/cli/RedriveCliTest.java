package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.redrive.DeadLetterOrders;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.MixAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code backtrack redrive} against a real broker, with a ledger of the ids a plain producer sent: a group sends three
 * of six messages to its dead-letter topic; the dry run counts and shows them and sends nothing; the redrive delivers
 * exactly those three once each to the fixed group; a second is refused unless --again; selections and wrong values.
 */
class RedriveCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int SENT = 6;

    private String topic;
    private String group;
    private String journal;
    private RocketMqAdmin admin;
    private final List<String> ids = new ArrayList<>();
    private Set<String> dead;

    @BeforeEach
    void makeDeadLetters() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        topic = "cli-redrive-" + id;
        group = "cli-redrive-group-" + id;
        journal = "CLI_REDRIVE_JOURNAL_" + id;
        admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
        ids.addAll(DeadLetterOrders.send(MQ, topic, SENT, i -> i % 3 == 0));
        dead = Set.of(ids.get(0), ids.get(2), ids.get(4)); // the paid ones: order-0 (eu), order-2, order-4
        DeadLetterMaker.deadLetter(admin, group, topic, ids, dead);
    }

    @AfterEach
    void close() {
        admin.close();
    }

    static CliRun run(String... args) {
        return CliRun.against(MQ.nameServerAddress(), "", Map.of(), args);
    }

    @Test
    void aDryRunSendsNothingThenTheDeadLettersGoBackOnceEachAndASecondRedriveIsRefusedUnlessAgain() {
        try (RecordingConsumer fixed = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                .labelledBy(RecordingConsumer.MESSAGE_ID).start()) {
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            String[] redrive = {"redrive", "-g", group, "--journal-topic", journal};

            CliRun dry = run(CliRun.concat(redrive, "--dry-run", "--json"));
            assertThat(dry.exit()).as(dry.err()).isZero();
            JsonNode plan = dry.json();
            assertThat(plan.get("dryRun").asBoolean()).isTrue();
            assertThat(plan.get("deadLetterTopic").asText()).isEqualTo("%DLQ%" + group);
            assertThat(plan.get("deadLettersToSend").asLong()).isEqualTo(3);
            assertThat(plan.get("byTopicAndTag").get(topic).get("paid").asLong()).isEqualTo(3);
            assertThat(plan.get("first").findValuesAsText("msgId")).containsExactlyInAnyOrderElementsOf(dead);
            assertThat(plan.get("first").findValuesAsText("originalTopic")).containsOnly(topic);
            CliRun text = run(CliRun.concat(redrive, "--dry-run"));
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out()).contains("Redrive plan: group " + group + ", dead letters of %DLQ%" + group)
                    .contains("The first 3:").contains("order 4").contains("Dry run: nothing sent.");
            assertThat(DeadLetterMaker.stored(admin, MixAll.getRetryTopic(group))).as("a dry run sends nothing")
                    .isZero();

            CliRun unconfirmed = run(redrive);
            assertThat(unconfirmed.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(unconfirmed.err()).contains("Redrive 3 dead letters to group " + group + "? [y/N]")
                    .contains("Not confirmed: nothing redriven");

            CliRun done = run(CliRun.concat(redrive, "--yes", "--rate", "20/s"));
            assertThat(done.exit()).as(done.err()).isZero();
            assertThat(done.out()).contains("Redrove 3 dead letters into %RETRY%" + group);
            fixed.awaitLabels(dead, PATIENCE);
            fixed.await(() -> fixed.deliveries() >= 3, PATIENCE, "the three dead letters");
            assertThat(fixed.deliveryCounts()).as("the dead letters once each, nothing else")
                    .isEqualTo(dead.stream().collect(Collectors.toMap(i -> i, i -> 1)));
            assertThat(fixed.message(ids.get(2)).getTopic()).isEqualTo(topic);

            CliRun twice = run(CliRun.concat(redrive, "--yes"));
            assertThat(twice.exit()).isEqualTo(BacktrackCli.FAILED);
            assertThat(twice.err()).contains("Dead letters of this window were redriven to group " + group
                    + " already").contains("use --again").contains("Nothing was sent");
            assertThat(DeadLetterMaker.stored(admin, MixAll.getRetryTopic(group)))
                    .as("nothing sent by the refused redrive").isEqualTo(3);

            CliRun again = run(CliRun.concat(redrive, "--yes", "--again", "--keys", "order-4"));
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).contains("Redrove 1 dead letters");
            fixed.await(() -> fixed.deliveries(ids.get(4)) == 2, PATIENCE, "order-4 once more");
            assertThat(fixed.deliveries()).isEqualTo(4);

            CliRun history = run("history", "-g", group, "--journal-topic", journal, "--json");
            assertThat(history.json().findValuesAsText("kind")).as("two runs, each started and finished")
                    .containsExactly("REDRIVE", "REDRIVE", "REDRIVE", "REDRIVE");
            assertThat(history.json().findValuesAsText("state"))
                    .containsExactly("STARTED", "FINISHED", "STARTED", "FINISHED");
        }
    }

    @Test
    void tagsKeysAndSql92SelectWhatTheySayAndWrongValuesSayWhatIsAccepted() {
        String[] dry = {"redrive", "-g", group, "--journal-topic", journal, "--dry-run", "--json"};
        assertThat(selected(CliRun.concat(dry, "--filter", "region = 'eu'"))).containsExactly(ids.get(0));
        assertThat(selected(CliRun.concat(dry, "--keys", "order-2,order-3,order-4")))
                .containsExactlyInAnyOrder(ids.get(2),
                ids.get(4));
        assertThat(selected(CliRun.concat(dry, "--tags", "created"))).isEmpty();
        assertThat(selected(CliRun.concat(dry, "--until", "-1h"))).as("stored in the last hour: outside").isEmpty();

        assertUsage(run(CliRun.concat(dry, "--keys", "order-1,,order-2")), "accepted: message keys joined by ','");
        assertUsage(run(CliRun.concat(dry, "--filter", "region = ")),
                "accepted: RocketMQ's SQL92 over the message's user properties and TAGS");
        assertUsage(run(CliRun.concat(dry, "--tags", "paid ||")), "Tag expression 'paid ||' is not accepted");
        assertUsage(run(CliRun.concat(dry, "--from", "yesterday-ish")), "yesterday-ish");
        assertUsage(run(CliRun.concat(dry, "--rate", "0")), "Rate '0' is not accepted; accepted: a number of "
                + "messages above 0 per second");
        assertUsage(run(CliRun.concat(dry, "--rate", "abc")), "Rate 'abc' is not accepted");
        assertUsage(run(CliRun.concat(dry, "--from", "now", "--until", "-1h")), "The window is empty");
        assertUsage(run("redrive", "-g", "never-failed-" + group, "--dry-run"),
                "Group 'never-failed-" + group + "' has no dead letters");
        CliRun missing = run("redrive", "--dry-run");
        assertThat(missing.exit()).isEqualTo(BacktrackCli.USAGE);
        assertThat(missing.err()).contains("--group");
    }

    private List<String> selected(String... args) {
        CliRun run = run(args);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode plan = run.json();
        assertThat(plan.get("deadLettersInWindow").asLong() - plan.get("leftOut").asLong())
                .isEqualTo(plan.get("deadLettersToSend").asLong());
        return plan.get("first").findValuesAsText("msgId");
    }

    private static void assertUsage(CliRun run, String text) {
        assertThat(run.exit()).as(run.err()).isEqualTo(BacktrackCli.USAGE);
        assertThat(run.err()).contains(text);
        assertThat(run.out()).isEmpty();
    }
}
