package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.SentMessages;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint, told of the proxy, refuses (409) to rewind a group while a gRPC consumer of it runs. */
class GrpcConsumerEndpointTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().withProxy().shared();
    private static final String TOPIC = "grpc-endpoint-orders";
    private static final String GROUP = "grpc-endpoint-billing";

    @Test
    void aGroupWithARunningGrpcConsumerIsRefusedWith409SayingWhyAndNothingMoves() throws Exception {
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), TOPIC, 2)) {
            sent.send(6);
        }
        String proxy = MQ.rocketMq().proxyRemotingAddress();
        Set<String> received = ConcurrentHashMap.newKeySet();
        BacktrackEndpoint endpoint = new BacktrackEndpoint(() -> List.of(new ConsumerBinding("input", TOPIC, GROUP,
                null, null, MQ.nameServerAddress(), null, null)), new TimeExpressionParser(ZoneOffset.UTC),
                EndpointTestSupport.ROLE, "GRPC_ENDPOINT_JOURNAL", () -> null, Duration.ofSeconds(5), List.of(proxy),
                () -> RewindObserver.NONE);
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress())
                .withProxies(List.of(proxy)));
                PushConsumer consumer = pushConsumer(received)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 6 && admin.isOnline(GROUP));
            List<QueueOffsets> before = new OffsetsReader(admin).read(GROUP, TOPIC);

            WebEndpointResponse<Object> refused = endpoint.rewind(OPERATOR, "input", null, null, "-1h", "false", null);

            assertThat(refused.getStatus()).as("%s", refused.getBody()).isEqualTo(409);
            assertThat(refused.getBody().toString()).contains("has consumers online as gRPC clients")
                    .contains("through proxy " + proxy).contains("Nothing was changed");
            assertThat(new OffsetsReader(admin).read(GROUP, TOPIC)).extracting(QueueOffsets::committedOffset)
                    .isEqualTo(before.stream().map(QueueOffsets::committedOffset).toList());
        }
    }

    private static PushConsumer pushConsumer(Set<String> received) throws Exception {
        ClientConfiguration client = ClientConfiguration.newBuilder().setEndpoints(MQ.rocketMq().proxyEndpoint())
                .enableSsl(false).setRequestTimeout(Duration.ofSeconds(30)).build(); // sized for a loaded machine
        return ClientServiceProvider.loadService().newPushConsumerBuilder().setClientConfiguration(client)
                .setConsumerGroup(GROUP).setSubscriptionExpressions(Map.of(TOPIC, FilterExpression.SUB_ALL))
                .setMessageListener(view -> {
                    received.add(view.getMessageId().toString());
                    return ConsumeResult.SUCCESS;
                }).build();
    }
}
