package dev.backtrack.core.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.SentMessages;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Groups of gRPC consumers ({@code rocketmq-client-java} PushConsumer and SimpleConsumer) that receive through
 * RocketMQ's proxy in cluster mode: seen online through the proxy; while they run, a rewind is refused and nothing
 * moves; stopped, they are rewound and receive again exactly what was stored at or after T, counted per message id.
 */
class GrpcConsumerRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().withProxy().shared();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RocketMqAdmin admin;
    private static RocketMqAdmin brokersOnly;

    @BeforeAll
    static void connect() {
        admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress())
                .withProxies(List.of(MQ.rocketMq().proxyRemotingAddress())));
        brokersOnly = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
        brokersOnly.close();
    }

    @Test
    void aRunningGrpcConsumerIsKnownToTheProxyAndNotToTheBrokers() throws Exception {
        String topic = "grpc-online";
        String group = "grpc-online-g";
        MQ.rocketMq().createTopic(topic, 2);
        GrpcLedger ledger = new GrpcLedger();
        try (PushConsumer consumer = ledger.push(MQ.rocketMq().proxyEndpoint(), group, topic)) {
            await().atMost(WAIT).until(() -> admin.isOnline(group));
            assertThat(admin.proxyClients(group)).isNotEmpty()
                    .allSatisfy((client, proxy) -> assertThat(proxy).isEqualTo(MQ.rocketMq().proxyRemotingAddress()));
            assertThat(admin.onlineClients(group)).isEqualTo(admin.proxyClients(group).keySet());
            assertThat(brokersOnly.onlineClients(group)).as("the brokers' consumer connection list").isEmpty();
        }
        await().atMost(WAIT).until(() -> !admin.isOnline(group));
    }

    @Test
    void aStoppedPushConsumerGroupReceivesAgainExactlyTheMessagesFromTWhenItStarts() throws Exception {
        stoppedGroupReceivesAgainExactlyFromT("grpc-push-off", 12, GrpcLedger::push);
    }

    @Test
    void aRunningPushConsumerGroupIsRefusedSayingWhyAndNothingMoves() throws Exception {
        String topic = "grpc-push-live";
        String group = "grpc-push-live-g";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2);
                ControlChannel channel = new ControlChannel(admin, "GRPC_CTL")) {
            List<String> ids = sent.send(20);
            GrpcLedger ledger = new GrpcLedger();
            try (PushConsumer consumer = ledger.push(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> ledger.receivedAll(sent.all()));
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, sent.storeTime(ids.get(12)));
                Map<String, Long> before = committed(group, topic);

                assertThatThrownBy(() -> new FleetRewinder(admin, channel, Duration.ofSeconds(5)).apply(plan, "test"))
                        .isInstanceOf(ProxiedConsumersException.class)
                        .hasMessageStartingWith("Group '" + group + "' has consumers online as gRPC clients "
                                + "(rocketmq-client-java) through proxy " + MQ.rocketMq().proxyRemotingAddress())
                        .hasMessageContaining("Nothing was changed. Stop the group's gRPC consumers");
                assertThat(committed(group, topic)).as("offsets left where they were").isEqualTo(before);
                assertThat(ledger.repeated()).as("nothing delivered again").isEmpty();
            }
        }
    }

    @Test
    void aRunningSimpleConsumerGroupIsRefusedSayingWhyAndNothingMoves() throws Exception {
        String topic = "grpc-simple-live";
        String group = "grpc-simple-live-g";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(20);
            GrpcLedger ledger = new GrpcLedger();
            try (AutoCloseable consumer = ledger.simple(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> ledger.receivedAll(sent.all()));
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, sent.storeTime(ids.get(7)));
                Map<String, Long> before = committed(group, topic);

                assertThatThrownBy(() -> new RewindApplier(admin).apply(plan))
                        .isInstanceOf(ProxiedConsumersException.class)
                        .hasMessageContaining("gRPC clients").hasMessageContaining("Nothing was changed");
                assertThat(committed(group, topic)).as("offsets left where they were").isEqualTo(before);
                assertThat(ledger.repeated()).as("nothing delivered again").isEmpty();
            }
        }
    }

    @Test
    void aStoppedSimpleConsumerGroupReceivesAgainExactlyTheMessagesFromTWhenItStarts() throws Exception {
        stoppedGroupReceivesAgainExactlyFromT("grpc-simple-off", 5, GrpcLedger::simple);
    }

    /** Starts a gRPC consumer of the group on the topic through the proxy, recording into the ledger. */
    private interface ConsumerStarter {
        AutoCloseable start(GrpcLedger ledger, String endpoint, String group, String topic) throws Exception;
    }

    /** Consumes 20 messages, stops, rewinds to the store time of message {@code fromIndex}, starts again. */
    private static void stoppedGroupReceivesAgainExactlyFromT(String topic, int fromIndex, ConsumerStarter starter)
            throws Exception {
        String group = topic + "-g";
        String endpoint = MQ.rocketMq().proxyEndpoint();
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(20);
            GrpcLedger first = new GrpcLedger();
            try (AutoCloseable consumer = starter.start(first, endpoint, group, topic)) {
                await().atMost(WAIT).until(() -> first.receivedAll(sent.all()));
                // every message acknowledged: one received but not yet acknowledged when the consumer stops is
                // delivered again (docs/rocketmq-behaviour.md), whatever the offsets say
                await().atMost(WAIT).until(() -> new OffsetsReader(admin).read(group, topic).stream()
                        .allMatch(q -> q.lag() == 0));
            }
            await().atMost(WAIT).until(() -> !admin.isOnline(group));
            long t = sent.storeTime(ids.get(fromIndex));
            Set<String> expected = sent.storedFrom(t);

            AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
            assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);

            GrpcLedger again = new GrpcLedger();
            try (AutoCloseable consumer = starter.start(again, endpoint, group, topic)) {
                await().atMost(WAIT).until(() -> again.receivedAll(expected));
                assertThat(again.deliveries()).as("received again, per message id").isEqualTo(once(expected));
            }
        }
    }

    private static Map<String, Long> committed(String group, String topic) {
        Map<String, Long> offsets = new HashMap<>();
        new OffsetsReader(admin).read(group, topic).forEach(q -> offsets.put(q.broker() + "/" + q.queueId(),
                q.committedOffset()));
        return offsets;
    }

    private static Map<String, Integer> once(Set<String> ids) {
        Map<String, Integer> once = new HashMap<>();
        ids.forEach(id -> once.put(id, 1));
        return once;
    }
}
