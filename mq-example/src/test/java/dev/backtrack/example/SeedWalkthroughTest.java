package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * The seed's walkthrough with its own YAML: produce and consume; set consumeTimestamp before the message's store
 * time and restart: the message comes again, exactly once; restart with the same setting: no replay; a new setting
 * applies once more.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedWalkthroughTest {

    private static final String LINE = "接收到回溯消息:{\"id\":1,\"desc\":\"test\"}";
    private static final DateTimeFormatter MILLIS_FORM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path store;

    @Test
    void consumeTimestampReplaysStoredMessagesOncePerSetting(CapturedOutput output) throws Exception {
        long firstStoreTime;
        try (ConfigurableApplicationContext app = start(null)) {
            produce(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 1);
            assertThat(count(output)).isEqualTo(1);
            firstStoreTime = storeTimeOfFirstOrder(app);
        }

        String beforeFirst = MILLIS_FORM.format(Instant.ofEpochMilli(firstStoreTime - 1));
        try (ConfigurableApplicationContext app = start(beforeFirst)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 2);
            assertThat(count(output)).isEqualTo(2);
            assertThat(output.getOut()).contains("consumeTimestamp " + beforeFirst + " = ")
                    .contains("1 messages will be replayed");
        }

        try (ConfigurableApplicationContext app = start(beforeFirst)) {
            assertThat(output.getOut()).contains("consumeTimestamp " + beforeFirst + " was applied before");
            produce(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 3);
            assertThat(count(output)).isEqualTo(3);
        }

        String atFirst = MILLIS_FORM.format(Instant.ofEpochMilli(firstStoreTime));
        try (ConfigurableApplicationContext app = start(atFirst)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 5);
            assertThat(count(output)).isEqualTo(5);
            assertThat(output.getOut()).contains("consumeTimestamp " + atFirst + " = ")
                    .contains("2 messages will be replayed");
        }
    }

    private ConfigurableApplicationContext start(String consumeTimestamp) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--backtrack.zone=UTC",
                "--backtrack.embedded.store-dir=" + store,
                "--backtrack.embedded.name-server-port=0",
                "--backtrack.embedded.broker-port=0"));
        if (consumeTimestamp != null) {
            args.add("--spring.cloud.stream.rocketmq.bindings.input-backtracking.consumer.consumeTimestamp="
                    + consumeTimestamp);
        }
        return new SpringApplicationBuilder(MqBootstrapApplication.class).run(args.toArray(String[]::new));
    }

    private static void produce(ConfigurableApplicationContext app) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mq-example/produce")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static long storeTimeOfFirstOrder(ConfigurableApplicationContext app) throws Exception {
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
