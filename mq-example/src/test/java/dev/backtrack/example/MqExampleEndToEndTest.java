package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** The seed's walkthrough over real HTTP and the real embedded broker: produce, then the order arrives. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // stops this class's embedded broker now rather than in a JVM shutdown hook
@ExtendWith(OutputCaptureExtension.class)
class MqExampleEndToEndTest {

    private static final long DELAY_MILLIS = 5_000; // delay level 2

    @DynamicPropertySource
    static void embeddedBrokerOnFreePorts(DynamicPropertyRegistry registry) throws IOException {
        ExampleApp.embeddedBrokerOnFreePorts(registry, "mq-example-e2e-");
    }

    record Received(String payload, Map<String, Object> headers, long atMillis) {
    }

    @LocalServerPort
    int port;

    @MockitoSpyBean
    ReceiveService receiveService;

    @Test
    void producedOrderArrivesAfterItsDelayWithPayloadAndTag(CapturedOutput output) throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            received.add(new Received(invocation.getArgument(0), invocation.getArgument(2), System.currentTimeMillis()));
            return invocation.callRealMethod();
        }).when(receiveService).receiveBackTrackingInput(any(), any(), any());

        long sentAt = System.currentTimeMillis();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mq-example/produce")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> !received.isEmpty());
        Received order = received.get(0);
        assertThat(order.payload()).isEqualTo("{\"id\":1,\"desc\":\"test\"}");
        assertThat(order.headers()).containsEntry("ROCKET_TAGS", "test03");
        assertThat(order.atMillis() - sentAt).as("delivered no earlier than delay level 2").isGreaterThanOrEqualTo(DELAY_MILLIS);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> output.getOut().contains("接收到回溯消息:{\"id\":1,\"desc\":\"test\"}"));
        assertThat(received).hasSize(1);
    }
}
