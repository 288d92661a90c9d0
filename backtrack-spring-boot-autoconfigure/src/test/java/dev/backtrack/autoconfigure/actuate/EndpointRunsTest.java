package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.replay.FailedCopy;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Runs of the endpoint's replays and redrives on a real broker, with a ledger of the ids a plain producer sent: a
 * canary the group fails pauses the replay (409 naming the failed message, the run's id and how to resume or abort
 * it); once the consumer is fixed, {@code resume} sends the rest, each message once and nothing sent before; a paused
 * redrive is aborted and then neither resumed nor aborted again; only the role may resume or abort; wrong values
 * answer 400 with what is accepted, an unknown run 404, a run that ended 409.
 */
class EndpointRunsTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aCanaryTheGroupFailsPausesTheReplayAndAResumeAfterTheFixSendsTheRestOnce() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "endpoint-canary-" + id;
        String group = "endpoint-canary-group-" + id;
        List<String> ids = sendToNewTopic(topic, 20);
        String poison = ids.get(1);
        AtomicBoolean broken = new AtomicBoolean(true);
        DeliveryLedger ledger = new DeliveryLedger();
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("ENDPOINT_RUNS_JOURNAL_" + id, binding(topic, group));
        try (RecordingConsumer consumer = FailingGroup.start(MQ.nameServerAddress(), admin, group, topic,
                m -> broken.get() && poison.equals(m.getMsgId()), ledger)) {
            consumer.awaitLabels(ids, PATIENCE);
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));

            WebEndpointResponse<Object> paused = send(endpoint, "replay", "3", null);

            assertThat(paused.getStatus()).as(String.valueOf(paused.getBody())).isEqualTo(409);
            Map<String, Object> result = body(paused);
            String runId = (String) result.get("runId");
            assertThat(result).containsEntry("state", "PAUSED").containsEntry("replayed", 3L);
            assertThat((String) result.get("error")).startsWith("The replay paused after the canary: 1 of its 3 "
                    + "messages failed: " + poison + " (broker-a/0 at offset 1, failed 1 time");
            assertThat(result.get("resume")).isEqualTo("POST /actuator/backtrack/resume with {\"id\": \"" + runId
                    + "\"} sends the rest (rate, canary and pauseAbove may be given again)");
            assertThat(result.get("abort")).isEqualTo("POST /actuator/backtrack/abort with {\"id\": \"" + runId
                    + "\"} ends the run");
            Map<String, Object> canary = map(result.get("canary"));
            assertThat(canary).containsEntry("sent", 3).containsEntry("passed", false)
                    .containsEntry("notConsumed", 0);
            assertThat(canary.get("waitedMillis")).isInstanceOf(Long.class);
            assertThat(failed(canary)).singleElement().satisfies(f -> {
                assertThat(f.msgId()).isEqualTo(poison);
                assertThat(f.origin()).isEqualTo("broker-a/0");
                assertThat(f.originOffset()).isEqualTo(1);
                assertThat(f.failures()).isEqualTo(1);
            });

            assertThat(run(endpoint, EndpointTestSupport.withoutRole(null), "resume", runId).getStatus())
                    .as("anonymous").isEqualTo(401);
            WebEndpointResponse<Object> viewer = run(endpoint, EndpointTestSupport.withoutRole("viewer"), "resume",
                    runId);
            assertThat(viewer.getStatus()).as("without the role").isEqualTo(403);
            assertThat(body(viewer).get("error")).isEqualTo("User 'viewer' lacks role BACKTRACK_ADMIN");

            consumer.await(() -> consumer.failureCounts().getOrDefault(poison, 0) == 2, PATIENCE,
                    "the poison's copy failed, and its one retry too (it is a dead letter now)");
            consumer.await(() -> consumer.deliveries(ids.get(0)) == 2 && consumer.deliveries(ids.get(2)) == 2,
                    PATIENCE, "the canary's good messages delivered again");
            broken.set(false); // the consumer is fixed
            long fixedAt = System.currentTimeMillis();
            WebEndpointResponse<Object> resumed = await().atMost(PATIENCE).until(() -> endpoint.operation(OPERATOR,
                    "resume", null, null, null, null, null, null, null, null, runId, null, null, "500", null, null),
                    r -> !mayBeSendingStill(r)); // a rate of its own; the run's threshold

            assertThat(resumed.getStatus()).as(String.valueOf(resumed.getBody())).isEqualTo(200);
            assertThat(body(resumed)).containsEntry("runId", runId).containsEntry("state", "FINISHED")
                    .containsEntry("kind", JournalKind.WINDOW_REPLAY).containsEntry("group", group)
                    .containsEntry("sentBefore", 3L).containsEntry("sent", 17L).doesNotContainKey("error");
            List<String> rest = ids.subList(3, ids.size());
            consumer.await(() -> ledger.compare(ids, rest, fixedAt).lost().isEmpty(), PATIENCE,
                    "the rest delivered again");
            DeliveryLedger.Comparison resume = ledger.compare(ids, rest, fixedAt);
            assertThat(resume.exact()).as("the resume delivered the rest once each, nothing else: " + resume).isTrue();
            Map<String, Integer> expected = new HashMap<>();
            ids.forEach(m -> expected.put(m, 2));
            expected.put(poison, 3);
            assertThat(ledger.deliveries()).as("once live and once again; the poison live and failed twice")
                    .isEqualTo(expected);

            WebEndpointResponse<Object> again = run(endpoint, OPERATOR, "resume", runId);
            assertThat(again.getStatus()).as("a run that finished: an entry refused").isEqualTo(409);
            assertThat((String) body(again).get("error")).startsWith("Run " + runId + " finished at ")
                    .endsWith(" (by operator); there is nothing to resume.");
            assertThat(String.valueOf(body(endpoint.history(OPERATOR, "history")).get("entries")))
                    .contains(runId).contains("PAUSED").contains("RESUMED").contains("FINISHED");
        }
    }

    @Test
    void aPausedRedriveIsAbortedAndThenNeitherResumedNorAbortedAgain() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String topic = "endpoint-abort-" + id;
        String group = "endpoint-abort-group-" + id;
        List<String> ids = sendToNewTopic(topic, 4);
        Set<String> dead = Set.of(ids.get(1), ids.get(3));
        DeadLetterMaker.deadLetter(admin, group, topic, ids, dead);
        DeliveryLedger ledger = new DeliveryLedger();
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("ENDPOINT_RUNS_JOURNAL_" + id, binding(topic, group));
        try (RecordingConsumer consumer = FailingGroup.start(MQ.nameServerAddress(), admin, group, topic,
                m -> true, ledger)) {
            await().atMost(PATIENCE).until(() -> admin.isOnline(group));
            long redrivenAt = System.currentTimeMillis();

            WebEndpointResponse<Object> paused = send(endpoint, "redrive", "1", "50%");

            assertThat(paused.getStatus()).as(String.valueOf(paused.getBody())).isEqualTo(409);
            String runId = (String) body(paused).get("runId");
            assertThat(body(paused)).containsEntry("state", "PAUSED").containsEntry("redriven", 1L);
            assertThat((String) body(paused).get("error")).startsWith("The redrive paused after the canary: 1 of its "
                    + "1 messages failed: ");
            String canary = failed(map(body(paused).get("canary"))).get(0).msgId();
            assertThat(dead).contains(canary);

            assertThat(run(endpoint, EndpointTestSupport.withoutRole(null), "abort", runId).getStatus())
                    .as("anonymous").isEqualTo(401);
            assertThat(run(endpoint, EndpointTestSupport.withoutRole("viewer"), "abort", runId).getStatus())
                    .as("without the role").isEqualTo(403);
            long before = System.currentTimeMillis();
            WebEndpointResponse<Object> aborted = run(endpoint, OPERATOR, "abort", runId);

            assertThat(aborted.getStatus()).as(String.valueOf(aborted.getBody())).isEqualTo(200);
            assertThat(body(aborted)).containsEntry("runId", runId).containsEntry("state", "ABORTED")
                    .containsEntry("abortedBy", "operator").containsEntry("kind", JournalKind.REDRIVE);
            assertThat((Long) body(aborted).get("at")).isBetween(before, System.currentTimeMillis());
            WebEndpointResponse<Object> resume = run(endpoint, OPERATOR, "resume", runId);
            assertThat(resume.getStatus()).isEqualTo(409);
            assertThat((String) body(resume).get("error")).startsWith("Run " + runId + " was aborted at ")
                    .endsWith(" (by operator); there is nothing to resume.");
            WebEndpointResponse<Object> twice = run(endpoint, OPERATOR, "abort", runId);
            assertThat(twice.getStatus()).isEqualTo(409);
            assertThat((String) body(twice).get("error")).endsWith(" (by operator); there is nothing to abort.");
            consumer.await(() -> consumer.failureCounts().getOrDefault(canary, 0) == 2, PATIENCE,
                    "the canary's copy failed, and its one retry too");
            DeliveryLedger.Comparison redriven = ledger.compare(ids, List.of(canary), redrivenAt);
            assertThat(redriven.lost()).isEmpty();
            assertThat(redriven.unexpected()).as("the other dead letter was never sent").isEmpty();
        }
    }

    @Test
    void wrongValuesAndUnknownRunsAreRefusedWithWhatIsAccepted() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("ENDPOINT_RUNS_BAD_JOURNAL_" + id,
                binding("endpoint-runs-bad-" + id, "endpoint-runs-bad-group-" + id));
        String canaryAccepted = "' is not accepted; accepted: a whole number of messages from 1 to 10000";
        String thresholdAccepted = "' is not accepted; accepted: a share of the messages sent in the last minute, "
                + "above 0 and at most 100, as N or N% (e.g. 5 or 2.5%)";
        for (String section : List.of("replay", "redrive")) {
            for (String canary : List.of("-1", "abc")) {
                assertBadRequest(send(endpoint, section, canary, null), "Canary '" + canary + canaryAccepted);
            }
            for (String threshold : List.of("0", "101%")) {
                assertBadRequest(send(endpoint, section, null, threshold),
                        "Failure threshold '" + threshold + thresholdAccepted);
            }
        }
        assertBadRequest(endpoint.operation(OPERATOR, "resume", null, null, null, null, null, null, null, null,
                "nosuchrun123", null, null, null, "abc", null), "Canary 'abc" + canaryAccepted);
        assertBadRequest(endpoint.operation(OPERATOR, "resume", null, null, null, null, null, null, null, null,
                "nosuchrun123", null, null, null, null, "0"), "Failure threshold '0" + thresholdAccepted);
        String runs = "give the id a replay or a redrive printed when it paused or stopped (as `history` lists it)";
        assertAnswer(run(endpoint, OPERATOR, "resume", "nosuchrun123"), 404,
                "No run nosuchrun123 in the journal: " + runs + ". Nothing was sent.");
        assertAnswer(run(endpoint, OPERATOR, "abort", "nosuchrun123"), 404, "No run nosuchrun123 in the journal");
        String idAccepted = "' is not accepted; accepted: the id a replay or a redrive printed when it paused or "
                + "stopped (as `history` lists it), e.g. 7k2m9q4x1bcd";
        assertBadRequest(run(endpoint, OPERATOR, "resume", "no such run"), "Run id 'no such run" + idAccepted);
        assertBadRequest(run(endpoint, OPERATOR, "abort", "no such run"), "Run id 'no such run" + idAccepted);
        assertBadRequest(run(endpoint, OPERATOR, "resume", " "), "Field 'id' is missing; accepted: the runId a "
                + "replay or a redrive answered (GET /actuator/backtrack/history lists runs)");
        WebEndpointResponse<Object> unknown = run(endpoint, OPERATOR, "pause", "nosuchrun123");
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(body(unknown).get("error"))
                .isEqualTo("Unknown operation 'pause'; accepted: replay, redrive, undo, resume, abort, snapshot, "
                        + "restore, export, import");
    }

    /** Sends {@code count} messages to a new topic of one queue with a plain producer; returns their ids in order. */
    private static List<String> sendToNewTopic(String topic, int count) throws Exception {
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 1)) {
            return sent.send(count);
        }
    }

    private static ConsumerBinding binding(String topic, String group) {
        return new ConsumerBinding("input", topic, group, null, null, MQ.nameServerAddress(), null, null);
    }

    /** A replay (of everything stored until now) or a redrive of binding "input", sent for real. */
    private static WebEndpointResponse<Object> send(BacktrackEndpoint endpoint, String section, String canary,
            String pauseAbove) {
        return endpoint.operation(OPERATOR, section, "input", null, null, "0", "now", null, "false", null, null,
                null, null, null, canary, pauseAbove);
    }

    private static WebEndpointResponse<Object> run(BacktrackEndpoint endpoint, SecurityContext user, String section,
            String runId) {
        return endpoint.operation(user, section, null, null, null, null, null, null, null, null, runId, null, null,
                null, null, null);
    }

    /** Whether the resume was refused because the run stored a copy too recently (it might be sending still). */
    private static boolean mayBeSendingStill(WebEndpointResponse<Object> response) {
        return response.getStatus() == 409 && String.valueOf(body(response).get("error")).contains("may be sending "
                + "still");
    }

    private static void assertBadRequest(WebEndpointResponse<Object> response, String text) {
        assertAnswer(response, 400, text);
    }

    private static void assertAnswer(WebEndpointResponse<Object> response, int status, String text) {
        assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat((String) body(response).get("error")).contains(text);
    }

    @SuppressWarnings("unchecked")
    private static List<FailedCopy> failed(Map<String, Object> canary) {
        return (List<FailedCopy>) canary.get("failed");
    }

    private static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return map(response.getBody());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
