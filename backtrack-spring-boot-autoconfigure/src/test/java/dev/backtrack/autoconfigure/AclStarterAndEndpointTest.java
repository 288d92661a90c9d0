package dev.backtrack.autoconfigure;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.autoconfigure.actuate.BacktrackEndpoint;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Scenario 7: start-up positioning and the endpoint against brokers with RocketMQ ACL 2.0. */
@ExtendWith(OutputCaptureExtension.class)
class AclStarterAndEndpointTest {

    private static final String ACCESS_KEY = "backtrack-app";
    private static final String SECRET_KEY = "starter-secret-" + UUID.randomUUID();

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().acl(ACCESS_KEY, SECRET_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "acl-starter-orders";
    private static long firstStoreTime;

    @BeforeAll
    static void ordersOnTheAclCluster(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 2);
        firstStoreTime = System.currentTimeMillis() - 1000;
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress(), "acl-starter-producer",
                new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, SECRET_KEY)));
        try {
            for (int i = 0; i < 6; i++) {
                producer.send(new Message(TOPIC, ("order-" + i).getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    private static ApplicationContextRunner starter(String group, String accessKey, String secretKey) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BacktrackPositioningAutoConfiguration.class))
                .withPropertyValues("spring.cloud.stream.bindings.in.destination=" + TOPIC,
                        "spring.cloud.stream.bindings.in.group=" + group,
                        "spring.cloud.stream.rocketmq.binder.name-server=" + MQ.nameServerAddress(),
                        "spring.cloud.stream.rocketmq.binder.access-key=" + accessKey,
                        "spring.cloud.stream.rocketmq.binder.secret-key=" + secretKey,
                        "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeFromWhere=CONSUME_FROM_TIMESTAMP",
                        "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=" + firstStoreTime);
    }

    @Test
    void theStarterPositionsWithTheBindersKeysAndNeverLogsTheSecret(CapturedOutput output) throws Exception {
        starter("acl-starter", ACCESS_KEY, SECRET_KEY).run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getAll()).contains("Backtrack: binding in (group acl-starter, topic " + TOPIC + ")")
                .contains("moved 2 queues").contains("6 messages will be replayed");
        assertThat(offsets("acl-starter")).allSatisfy(q -> assertThat(q.committedOffset()).isZero());

        String wrongSecret = "wrong-" + UUID.randomUUID();
        starter("acl-starter-wrong", ACCESS_KEY, wrongSecret).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("Binding in (group acl-starter-wrong, "
                    + "topic " + TOPIC + ") could not be positioned")
                    .hasStackTraceContaining("RocketMQ ACL: check signature failed.")
                    .hasStackTraceContaining("access-key and secret-key");
        });
        assertThat(output.getAll()).doesNotContain(SECRET_KEY).doesNotContain(wrongSecret);
        try (RewindJournal journal = new RewindJournal(MQ.nameServerAddress(),
                new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, SECRET_KEY)), RewindJournal.DEFAULT_TOPIC)) {
            assertThat(journal.entries()).isNotEmpty();
            assertThat(JSON.writeValueAsString(journal.entries())).doesNotContain(SECRET_KEY);
        }
    }

    @Test
    void theEndpointWorksWithTheRightKeysAndNamesTheDeniedOperationWithWrongOnes(CapturedOutput output)
            throws Exception {
        BacktrackEndpoint right = endpoint(ACCESS_KEY, SECRET_KEY);
        WebEndpointResponse<Object> bindings = right.bindings(OPERATOR);
        assertThat(JSON.writeValueAsString(bindings.getBody())).contains("\"queues\"").doesNotContain("\"error\"");
        WebEndpointResponse<Object> rewind = right.rewind(OPERATOR, "in", null, null, Long.toString(firstStoreTime),
                "false", null);
        assertThat(rewind.getStatus()).as("%s", rewind.getBody()).isEqualTo(200);
        assertThat(((Map<?, ?>) rewind.getBody()).get("messagesToReplay")).isEqualTo(6L);
        WebEndpointResponse<Object> history = right.history(OPERATOR, "history");
        assertThat(history.getStatus()).isEqualTo(200);

        String wrongSecret = "wrong-" + UUID.randomUUID();
        BacktrackEndpoint wrong = endpoint(ACCESS_KEY, wrongSecret);
        WebEndpointResponse<Object> denied = wrong.rewind(OPERATOR, "in", null, null, "0", "true", null);
        assertThat(denied.getStatus()).isEqualTo(503);
        assertThat(((Map<?, ?>) denied.getBody()).get("error").toString())
                .contains("Cannot read the min offset of " + TOPIC + " broker-a/0")
                .contains("denied it (RocketMQ ACL: check signature failed.)");
        WebEndpointResponse<Object> deniedBindings = wrong.bindings(OPERATOR);
        assertThat(JSON.writeValueAsString(deniedBindings.getBody())).contains("denied it (RocketMQ ACL:");

        for (WebEndpointResponse<Object> response : List.of(bindings, rewind, history, denied, deniedBindings)) {
            assertThat(JSON.writeValueAsString(response.getBody())).doesNotContain(SECRET_KEY)
                    .doesNotContain(wrongSecret);
        }
        assertThat(output.getAll()).doesNotContain(SECRET_KEY).doesNotContain(wrongSecret);
    }

    private static BacktrackEndpoint endpoint(String accessKey, String secretKey) {
        ConsumerBinding binding = new ConsumerBinding("in", TOPIC, "acl-endpoint", null, null, MQ.nameServerAddress(),
                accessKey, secretKey);
        return new BacktrackEndpoint(() -> List.of(binding), new TimeExpressionParser(ZoneOffset.UTC),
                "BACKTRACK_ADMIN", RewindJournal.DEFAULT_TOPIC, () -> null, Duration.ofSeconds(5));
    }

    private static List<QueueOffsets> offsets(String group) {
        try (RocketMqAdmin admin = new RocketMqAdmin(new AdminSettings(MQ.nameServerAddress(), ACCESS_KEY, SECRET_KEY,
                Duration.ofSeconds(5)))) {
            return new OffsetsReader(admin).read(group, TOPIC);
        }
    }
}
