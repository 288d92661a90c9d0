package dev.backtrack.example.rocketmqspring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.rocketmq.store.MessageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The seed's walkthrough with rocketmq-spring, over real HTTP and the embedded broker: produce, the order arrives
 * after its delay; the endpoint lists the listener and rewinds it in place: the order arrives once more; restart with
 * a consume-timestamp before its store time: it arrives exactly once more again.
 */
@ExtendWith(OutputCaptureExtension.class)
class RocketMqSpringExampleEndToEndTest {

    private static final String LINE = "接收到回溯消息:{\"id\":1,\"desc\":\"test\"}";
    private static final long DELAY_MILLIS = 5_000; // delay level 2
    private static final String PASSWORD = "e2e-secret";
    private static final DateTimeFormatter MILLIS_FORM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path store;

    @Test
    void producedOrderArrivesAfterItsDelayAndOnceMoreAfterARestartWithAConsumeTimestamp(CapturedOutput output)
            throws Exception {
        long storeTime;
        try (ConfigurableApplicationContext app = start(null)) {
            long sentAt = System.currentTimeMillis();
            assertThat(get(app, "/produce", false).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 1);
            assertThat(System.currentTimeMillis() - sentAt).as("delivered no earlier than delay level 2")
                    .isGreaterThanOrEqualTo(DELAY_MILLIS);
            storeTime = storeTimeOfTheOrder(app);

            HttpResponse<String> listing = get(app, "/actuator/backtrack", true);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).contains("\"kind\":\"listener\"")
                    .contains("\"binding\":\"listener:" + ReceiveService.GROUP + "\"")
                    .contains("\"group\":\"" + ReceiveService.GROUP + "\"").contains("\"topic\":\"test-topic3\"");

            // the running listener rewound in place through the endpoint: the order comes once more
            HttpResponse<String> rewind = post(app, "{\"binding\":\"listener:" + ReceiveService.GROUP
                    + "\",\"to\":\"" + MILLIS_FORM.format(Instant.ofEpochMilli(storeTime))
                    + "\",\"dryRun\":\"false\"}");
            assertThat(rewind.statusCode()).as(rewind.body()).isEqualTo(200);
            // (messagesToReplay depends on whether the listener has committed its offset yet: not asserted)
            assertThat(rewind.body()).contains("\"path\":\"IN_PROCESS\"").contains("\"queuesMoved\":[");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 2);
        }
        assertThat(count(output)).isEqualTo(2);

        String beforeTheOrder = MILLIS_FORM.format(Instant.ofEpochMilli(storeTime - 1));
        try (ConfigurableApplicationContext app = start(beforeTheOrder)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 3);
            assertThat(output.getOut()).contains("Backtrack: listener " + ReceiveService.GROUP
                    + " (topic test-topic3), consumeTimestamp " + beforeTheOrder + " = ")
                    .contains("1 messages will be replayed");
            // produce one more to see nothing else was waiting
            assertThat(get(app, "/produce", false).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 4);
        }
        assertThat(count(output)).isEqualTo(4);
    }

    private ConfigurableApplicationContext start(String consumeTimestamp) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--backtrack.zone=UTC",
                "--spring.security.user.password=" + PASSWORD,
                "--backtrack.embedded.store-dir=" + store,
                "--backtrack.embedded.name-server-port=0",
                "--backtrack.embedded.broker-port=0"));
        if (consumeTimestamp != null) {
            args.add("--backtrack.listeners." + ReceiveService.GROUP + ".consume-timestamp=" + consumeTimestamp);
        }
        return new SpringApplicationBuilder(RocketMqSpringExampleApplication.class).run(args.toArray(String[]::new));
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, boolean authenticated)
            throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/mq-example-rocketmq-spring" + path)).GET();
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext app, String json) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/mq-example-rocketmq-spring/actuator/backtrack"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long storeTimeOfTheOrder(ConfigurableApplicationContext app) throws Exception {
        MessageStore messages = app.getBean(EmbeddedRocketMq.class).brokers().get(0).controller().getMessageStore();
        for (int queueId = 0; queueId < 4; queueId++) {
            if (messages.getMaxOffsetInQueue("test-topic3", queueId) > 0) {
                return messages.getMessageStoreTimeStamp("test-topic3", queueId, 0);
            }
        }
        throw new AssertionError("The order is not in test-topic3");
    }

    private static int count(CapturedOutput output) {
        String out = output.getOut();
        int count = 0;
        for (int at = out.indexOf(LINE); at >= 0; at = out.indexOf(LINE, at + 1)) {
            count++;
        }
        return count;
    }
}
