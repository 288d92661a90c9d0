package dev.backtrack.console.api;

import static dev.backtrack.console.ApiAnswers.assertBad;
import static dev.backtrack.console.ApiAnswers.assertRefused;
import static dev.backtrack.console.ApiAnswers.ok;
import static dev.backtrack.console.ConsoleClient.json;
import static dev.backtrack.console.ConsoleClient.object;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN;
import static dev.backtrack.console.ConsoleOnlyApp.ADMIN_PASSWORD;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER;
import static dev.backtrack.console.ConsoleOnlyApp.VIEWER_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.console.ConsoleClient;
import dev.backtrack.console.ConsoleOnlyApp;
import dev.backtrack.console.PoisonOrders;
import dev.backtrack.console.TestTopics;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A window replay's run over real HTTP on the embedded broker, with a group that fails the replayed copies of its
 * "poison" orders and a ledger of the copies it received: a canary the group fails pauses the replay (409, the failed
 * message named, the run's id); the history shows the run paused and resumable; once the consumer is fixed,
 * {@code POST /api/runs/ID/resume} sends the rest, and the group received a copy of every order exactly once; an
 * aborted run is not resumed; wrong values are 400 with what is accepted; only an administrator may resume or abort.
 */
@SpringBootTest(classes = ConsoleOnlyApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleRunsApiTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        ConsoleOnlyApp.consoleWithOperatorAndViewer(registry, MQ, () -> "runs-journal-" + TestTopics.shortId());
        registry.add("backtrack.console.resume-quiet", () -> "3s"); // a process waits 20 s
    }

    private final TestTopics topics = new TestTopics(MQ);

    @LocalServerPort
    int port;

    @Test
    void aCanaryTheGroupFailsPausesTheReplayAndAResumeSendsTheRestSoThatEveryOrderCameOnce() throws Exception {
        try (PoisonOrders orders = PoisonOrders.start(MQ, topics, "console-runs-", 20, i -> i == 1)) {
            String group = orders.group();
            List<String> ids = orders.ids();
            ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);

            HttpResponse<String> answer = operator.post("/api/replay", replay(orders, "canary", "3"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            JsonNode paused = json(answer);
            String runId = paused.get("runId").asText();
            assertThat(runId).isNotBlank();
            assertThat(paused.get("state").asText()).isEqualTo("PAUSED");
            assertThat(paused.get("error").asText()).startsWith("The replay paused after the canary: 1 of its 3 "
                    + "messages failed: " + ids.get(1) + " (broker-a/0 at offset 1, failed 1 time");
            assertThat(paused.get("replayed").asLong()).as("the canary alone").isEqualTo(3);
            JsonNode canary = paused.get("canary");
            assertThat(canary.get("sent").asInt()).isEqualTo(3);
            assertThat(canary.get("passed").asBoolean()).isFalse();
            assertThat(canary.get("notConsumed").asInt()).isZero();
            assertThat(canary.get("failed")).singleElement().satisfies(failed -> {
                assertThat(failed.get("msgId").asText()).isEqualTo(ids.get(1));
                assertThat(failed.get("origin").asText()).isEqualTo("broker-a/0");
                assertThat(failed.get("originOffset").asLong()).isEqualTo(1);
                assertThat(failed.get("failures").asInt()).isEqualTo(1);
                assertThat(failed.get("description").asText()).startsWith(ids.get(1) + " (broker-a/0 at offset 1");
            });
            assertThat(runRows(operator, orders)).extracting(r -> r.get("state").asText(),
                    r -> r.get("latest").asBoolean(), r -> r.get("resumable").asBoolean())
                    .containsExactly(tuple("PAUSED", true, true), tuple("STARTED", false, false));
            assertThat(runRows(operator, orders).get(0).get("reason").asText())
                    .startsWith("paused after the canary: 1 of its 3 messages failed: " + ids.get(1));

            HttpResponse<String> twice = operator.post("/api/replay", replay(orders));
            assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
            assertThat(json(twice).get("error").asText()).contains("run " + runId + " is paused, not finished");
            assertBad(operator.post("/api/runs/" + runId + "/resume", object("confirm", group + "x")),
                    "Confirmation '" + group + "x' does not match", "accepted: the group's name, '" + group + "'");
            assertBad(operator.post("/api/runs/" + runId + "/abort", "{}"), "Confirmation '' does not match",
                    "accepted: the group's name, '" + group + "'");

            orders.fix();
            JsonNode resumed = resumeOnceQuiet(operator, runId, object("confirm", group));
            assertThat(resumed.get("runId").asText()).isEqualTo(runId);
            assertThat(resumed.get("state").asText()).isEqualTo("FINISHED");
            assertThat(resumed.get("kind").asText()).isEqualTo("WINDOW_REPLAY");
            assertThat(resumed.get("group").asText()).isEqualTo(group);
            assertThat(resumed.get("sentBefore").asLong()).isEqualTo(3);
            assertThat(resumed.get("replayed").asLong()).isEqualTo(17);
            assertThat(resumed.get("error").isNull()).isTrue();
            assertThat(resumed.get("canary").isNull()).as("a resume has no canary unless asked").isTrue();

            orders.awaitCopies(ids);
            DeliveryLedger.Comparison ledger = orders.copies().compare(ids, ids, Long.MIN_VALUE);
            assertThat(ledger.exact()).as("a copy of every order, once: " + ledger).isTrue();
            assertThat(runRows(operator, orders)).extracting(r -> r.get("state").asText(),
                    r -> r.get("resumable").asBoolean()).containsExactly(tuple("FINISHED", false),
                            tuple("RESUMED", false), tuple("PAUSED", false), tuple("STARTED", false));
            HttpResponse<String> finished = operator.post("/api/runs/" + runId + "/resume", object("confirm", group));
            assertRefused(finished, 409, "Run " + runId + " finished at ", "(by " + ADMIN + "); there is nothing to "
                    + "resume.");
        }
    }

    @Test
    void anAbortedRunIsNotResumedWrongValuesAre400UnknownRuns404AndOnlyAnAdministratorMayResumeOrAbort() throws Exception {
        try (PoisonOrders orders = PoisonOrders.start(MQ, topics, "console-abort-", 10, i -> i == 0)) {
            String group = orders.group();
            ConsoleClient operator = ConsoleClient.loggedIn(base(), ADMIN, ADMIN_PASSWORD);
            HttpResponse<String> answer = operator.post("/api/replay", replay(orders, "canary", "1",
                    "pauseAbove", "10%", "rate", "100/s"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
            String runId = json(answer).get("runId").asText();
            String resume = "/api/runs/" + runId + "/resume";
            String abort = "/api/runs/" + runId + "/abort";

            ConsoleClient viewer = ConsoleClient.loggedIn(base(), VIEWER, VIEWER_PASSWORD);
            for (String path : List.of(resume, abort)) {
                HttpResponse<String> refused = viewer.post(path, object("confirm", group));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                assertThat(json(refused).get("error").asText()).contains("'" + VIEWER + "'")
                        .contains("BACKTRACK_ADMIN");
                HttpResponse<String> anonymous = new ConsoleClient(base()).post(path, object("confirm", group));
                assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
                assertThat(json(anonymous).get("error").asText()).startsWith("Authentication required");
                HttpResponse<String> forged = operator.postWithoutCsrf(path, object("confirm", group));
                assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
                assertThat(json(forged).get("error").asText()).startsWith("Missing or wrong CSRF token");
            }

            String canaryAccepted = "accepted: a whole number of messages from 1 to 10000";
            String thresholdAccepted = "accepted: a share of the messages sent in the last minute, above 0 and at "
                    + "most 100, as N or N% (e.g. 5 or 2.5%)";
            assertBad(operator.post(resume, object("confirm", group, "canary", "-1")),
                    "Canary '-1' is not accepted", canaryAccepted);
            assertBad(operator.post(resume, object("confirm", group, "canary", "abc")),
                    "Canary 'abc' is not accepted", canaryAccepted);
            assertBad(operator.post(resume, object("confirm", group, "pauseAbove", "0")),
                    "Failure threshold '0' is not accepted", thresholdAccepted);
            assertBad(operator.post(resume, object("confirm", group, "pauseAbove", "101%")),
                    "Failure threshold '101%' is not accepted", thresholdAccepted);
            assertBad(operator.post(resume, object("confirm", group, "rate", "fast")), "Rate 'fast' is not accepted",
                    "accepted: a number of messages above 0 per second");
            String idAccepted = "accepted: the id a replay or a redrive printed when it paused or stopped (as "
                    + "`history` lists it), e.g. 7k2m9q4x1bcd";
            for (String action : List.of("resume", "abort")) {
                assertRefused(operator.post("/api/runs/nosuchrun123/" + action, object("confirm", group)), 404,
                        "No run nosuchrun123 in the journal", "give the id a replay or a redrive printed when it "
                                + "paused or stopped (as `history` lists it). Nothing was sent.");
                assertBad(operator.post("/api/runs/no%20such%20run/" + action, object("confirm", group)),
                        "Run id 'no such run' is not accepted", idAccepted);
            }

            JsonNode aborted = ok(operator.post(abort, object("confirm", group)));
            assertThat(aborted.get("runId").asText()).isEqualTo(runId);
            assertThat(aborted.get("state").asText()).isEqualTo("ABORTED");
            assertThat(aborted.get("reason").asText()).isEqualTo("aborted by " + ADMIN);
            assertThat(aborted.get("actor").asText()).isEqualTo(ADMIN);
            assertThat(aborted.get("kind").asText()).isEqualTo("WINDOW_REPLAY");
            assertThat(aborted.get("id").asText()).as("the journal entry recording it").isNotBlank();

            assertRefused(operator.post(resume, object("confirm", group)), 409, "Run " + runId + " was aborted at ",
                    "(by " + ADMIN + "); there is nothing to resume.");
            assertRefused(operator.post(abort, object("confirm", group)), 409, "Run " + runId + " was aborted at ",
                    "(by " + ADMIN + "); there is nothing to abort.");
            assertThat(runRows(operator, orders)).extracting(r -> r.get("state").asText(),
                    r -> r.get("resumable").asBoolean()).containsExactly(tuple("ABORTED", false),
                            tuple("PAUSED", false), tuple("STARTED", false));
            assertThat(orders.copies().deliveries()).as("the canary's copy alone was ever sent")
                    .isEqualTo(Map.of(orders.ids().get(0), 1));
        }
    }

    /** A confirmed replay of every order of the topic, with the extra fields given. */
    private static String replay(PoisonOrders orders, Object... fields) throws Exception {
        List<Object> all = new ArrayList<>(List.of("group", orders.group(), "topic", orders.topic(), "from", "-1h",
                "until", "now", "dryRun", false, "confirm", orders.group()));
        all.addAll(List.of(fields));
        return object(all.toArray());
    }

    /** The {@code run} of the topic's history rows, newest first. */
    private List<JsonNode> runRows(ConsoleClient operator, PoisonOrders orders) throws Exception {
        JsonNode history = ok(operator.get("/api/history?group=" + orders.group() + "&topic=" + orders.topic()));
        return StreamSupport.stream(history.spliterator(), false).map(row -> row.get("run")).toList();
    }

    /**
     * Resumes the run once it has been quiet as long as the console asks (until then the console refuses it, saying
     * it may be sending still); the answer, which must be 200.
     */
    private JsonNode resumeOnceQuiet(ConsoleClient operator, String runId, String body) throws Exception {
        HttpResponse<String> answer = await("the resume of run " + runId).atMost(PATIENCE)
                .until(() -> operator.post("/api/runs/" + runId + "/resume", body),
                        r -> r.statusCode() != 400 || !r.body().contains("may be sending still"));
        return ok(answer);
    }

    private String base() {
        return "http://localhost:" + port + "/backtrack-console";
    }
}
