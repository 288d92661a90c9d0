package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.BacktrackCli;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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
 * Two instances of the example share the consumer group (the second in its own JVM); a rewind through the endpoint of
 * one, and one through the CLI, are applied in place by both, and both acknowledge.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwoInstancesRewindTest {

    private static final String GROUP = "backtracking-consumer-group";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path store;

    @TempDir
    Path logs;

    @Test
    void bothInstancesRewindInPlaceAndAcknowledge(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(MqBootstrapApplication.class).run(
                "--server.port=0", "--backtrack.embedded.store-dir=" + store,
                "--backtrack.embedded.name-server-port=0", "--backtrack.embedded.broker-port=0",
                "--spring.security.user.password=op-secret")) {
            String nameServer = first.getBean(EmbeddedRocketMq.class).nameServerAddress();
            Path secondLog = logs.resolve("second.log");
            Process second = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), MqBootstrapApplication.class.getName(),
                    "--server.port=0", "--backtrack.embedded.enabled=false", "--logging.charset.console=UTF-8",
                    "--spring.cloud.stream.rocketmq.binder.name-server=" + nameServer)
                    .redirectErrorStream(true).redirectOutput(secondLog.toFile()).start();
            try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(nameServer))) {
                try {
                    await().atMost(Duration.ofSeconds(120)).until(() -> read(secondLog).contains("listening for rewind orders"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    String log = read(secondLog);
                    throw new AssertionError("The second instance did not start; its output ends with:\n"
                            + log.substring(Math.max(0, log.length() - 4000)), e);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.onlineClients(GROUP).size() == 2);

                for (int i = 0; i < 6; i++) {
                    ExampleApp.produce(first);
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> total(output, secondLog) >= 6);
                await().atMost(Duration.ofSeconds(60)).until(() -> lag(first) == 0);
                long t = firstStoreTime(first);

                HttpResponse<String> response = rewind(first, "{\"binding\":\"input-backtracking\",\"to\":\"" + t
                        + "\",\"dryRun\":false}");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode result = JSON.readTree(response.body());
                assertThat(result.get("path").asText()).isEqualTo("IN_PROCESS");
                assertThat(result.get("acknowledgements")).hasSize(2);
                assertThat(result.get("silentClients")).isEmpty();
                await().atMost(Duration.ofSeconds(90)).until(() -> total(output, secondLog) >= 12);
                assertThat(count(output.getOut()) + count(read(secondLog))).isEqualTo(12);

                await().atMost(Duration.ofSeconds(60)).until(() -> lag(first) == 0);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int exit = BacktrackCli.run(new String[] {"rewind", "-n", nameServer, "-g", GROUP, "-t", "test-topic3",
                        "--to", Long.toString(t), "--yes", "--json"}, new PrintWriter(out), new PrintWriter(err),
                        new BufferedReader(new StringReader("")));
                assertThat(exit).as(err.toString()).isZero();
                JsonNode cli = JSON.readTree(out.toString());
                assertThat(cli.get("path").asText()).isEqualTo("IN_PROCESS");
                assertThat(cli.get("acknowledgements")).hasSize(2);
                await().atMost(Duration.ofSeconds(90)).until(() -> total(output, secondLog) >= 18);
                assertThat(total(output, secondLog)).isEqualTo(18);
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private static int total(CapturedOutput output, Path secondLog) {
        return count(output.getOut()) + count(read(secondLog));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static int count(String text) {
        return ExampleApp.ordersReceived(text);
    }

    private static long lag(ConfigurableApplicationContext app) throws Exception {
        HttpResponse<String> listing = HttpClient.newHttpClient().send(request(app, "/actuator/backtrack").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(listing.body()).get("bindings").get(0).get("lag").asLong();
    }

    private static HttpResponse<String> rewind(ConfigurableApplicationContext app, String body) throws Exception {
        return HttpClient.newHttpClient().send(request(app, "/actuator/backtrack")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext app, String path) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mq-example" + path))
                .header("Authorization", ExampleApp.basic("operator:op-secret"));
    }


    private static long firstStoreTime(ConfigurableApplicationContext app) throws Exception {
        MessageStore messages = app.getBean(EmbeddedRocketMq.class).brokers().get(0).controller().getMessageStore();
        long first = Long.MAX_VALUE;
        for (int queueId = 0; queueId < 4; queueId++) {
            if (messages.getMaxOffsetInQueue("test-topic3", queueId) > 0) {
                first = Math.min(first, messages.getMessageStoreTimeStamp("test-topic3", queueId, 0));
            }
        }
        return first;
    }
}
