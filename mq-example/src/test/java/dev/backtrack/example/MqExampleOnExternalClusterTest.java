package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the embedded broker switched off, the example talks to the configured name server (here: a separate cluster). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // stops this class's embedded broker now rather than in a JVM shutdown hook
@ExtendWith(OutputCaptureExtension.class)
class MqExampleOnExternalClusterTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension CLUSTER = EmbeddedRocketMqExtension.singleBroker();

    @DynamicPropertySource
    static void externalCluster(DynamicPropertyRegistry registry) {
        CLUSTER.rocketMq().ensureTopic("test-topic3");
        registry.add("backtrack.embedded.enabled", () -> false);
        registry.add("spring.cloud.stream.rocketmq.binder.name-server", CLUSTER::nameServerAddress);
    }

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void startsNoBrokerOfItsOwnAndUsesTheConfiguredNameServer(CapturedOutput output) throws Exception {
        assertThat(context.getBeansOfType(EmbeddedRocketMq.class)).isEmpty();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mq-example/produce")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> output.getOut().contains("接收到回溯消息:{\"id\":1,\"desc\":\"test\"}"));
        var store = CLUSTER.rocketMq().brokers().get(0).controller().getMessageStore();
        long stored = 0;
        for (int queueId = 0; queueId < 4; queueId++) {
            stored += store.getMaxOffsetInQueue("test-topic3", queueId);
        }
        assertThat(stored).as("the order went to the external cluster").isEqualTo(1);
    }
}
