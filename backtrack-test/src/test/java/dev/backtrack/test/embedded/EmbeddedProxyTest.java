package dev.backtrack.test.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.embedded.EmbeddedRocketMqException;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedProxyTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().withProxy().shared();

    @Test
    void aGrpcProducerAndSimpleConsumerExchangeMessagesThroughTheProxy() throws Exception {
        String topic = "proxy-smoke-" + System.nanoTime();
        MQ.rocketMq().createTopic(topic);
        ClientServiceProvider provider = ClientServiceProvider.loadService();
        ClientConfiguration client = ClientConfiguration.newBuilder().setEndpoints(MQ.rocketMq().proxyEndpoint())
                .enableSsl(false).setRequestTimeout(Duration.ofSeconds(30)).build(); // sized for a loaded machine
        List<String> sent = new ArrayList<>();
        try (Producer producer = provider.newProducerBuilder().setClientConfiguration(client).setTopics(topic).build()) {
            for (int i = 0; i < 3; i++) {
                sent.add(producer.send(provider.newMessageBuilder().setTopic(topic)
                        .setBody(("m" + i).getBytes(StandardCharsets.UTF_8)).build()).getMessageId().toString());
            }
        }
        List<String> received = new ArrayList<>();
        try (SimpleConsumer consumer = provider.newSimpleConsumerBuilder().setClientConfiguration(client)
                .setConsumerGroup("proxy-smoke-group-" + System.nanoTime())
                .setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
                .setAwaitDuration(Duration.ofSeconds(1)).build()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                    received.add(view.getMessageId().toString());
                    consumer.ack(view);
                }
                return received.size() >= sent.size();
            });
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aClusterWithoutTheProxyHasNoEndpointAndSaysHowToEnableIt(@TempDir Path store) {
        EmbeddedRocketMq without = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store).build());
        assertThatThrownBy(without::proxyEndpoint).isInstanceOf(IllegalStateException.class);
        assertThat(EmbeddedRocketMqConfig.builder(store).build().proxyEnabled()).isFalse();
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(store).proxy(70000, 0))
                .isInstanceOf(EmbeddedRocketMqException.class)
                .hasMessageContaining("proxyGrpcPort").hasMessageContaining("accepted");
    }
}
