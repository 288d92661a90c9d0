package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.apache.rocketmq.store.MessageStore;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The running example as its tests drive it: start-up settings, its /produce endpoint, what its listener prints. */
final class ExampleApp {

    /** The line the example's listener prints for every order it receives. */
    static final String ORDER_LINE = "接收到回溯消息:{\"id\":1,\"desc\":\"test\"}";
    /** The topic the example's orders go to. */
    static final String ORDER_TOPIC = "test-topic3";

    private ExampleApp() {
    }

    /** Runs the example's embedded broker on free ports, storing in a new temporary directory named {@code prefix}. */
    static void embeddedBrokerOnFreePorts(DynamicPropertyRegistry registry, String prefix) throws IOException {
        String store = Files.createTempDirectory(prefix).toString();
        registry.add("backtrack.embedded.store-dir", () -> store);
        registry.add("backtrack.embedded.name-server-port", () -> 0);
        registry.add("backtrack.embedded.broker-port", () -> 0);
    }

    /** How many times {@code text} holds {@link #ORDER_LINE}: the orders the listener received, replays included. */
    static int ordersReceived(String text) {
        int count = 0;
        for (int at = text.indexOf(ORDER_LINE); at >= 0; at = text.indexOf(ORDER_LINE, at + 1)) {
            count++;
        }
        return count;
    }

    /** The value of an {@code Authorization} header for HTTP Basic with {@code credentials} ("user:password"). */
    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** Has the running example produce one order (GET /produce) and asserts that it answered 200. */
    static void produce(ConfigurableApplicationContext app) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mq-example/produce")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** The store time of the first order on the first queue of {@link #ORDER_TOPIC} that holds one. */
    static long storeTimeOfFirstOrder(ConfigurableApplicationContext app) throws Exception {
        MessageStore messages = app.getBean(EmbeddedRocketMq.class).brokers().get(0).controller().getMessageStore();
        for (int queueId = 0; queueId < 4; queueId++) {
            if (messages.getMaxOffsetInQueue(ORDER_TOPIC, queueId) > 0) {
                return messages.getMessageStoreTimeStamp(ORDER_TOPIC, queueId, 0);
            }
        }
        throw new AssertionError("The order is not in " + ORDER_TOPIC);
    }
}
