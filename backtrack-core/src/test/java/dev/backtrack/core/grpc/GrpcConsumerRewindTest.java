package dev.backtrack.core.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.FleetRewinder;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.embedded.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rewinds groups of gRPC consumers ({@code rocketmq-client-java} PushConsumer and SimpleConsumer) that receive through
 * RocketMQ's proxy in cluster mode, and checks by message id that they receive again exactly what was stored at or
 * after T.
 */
class GrpcConsumerRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().withProxy().shared();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RocketMqAdmin admin;
    private static RocketMqAdmin brokersOnly;

    @BeforeAll
    static void connect() {
        admin = new RocketMqAdmin(AdminSettings.of(MQ.nameServerAddress())
                .withProxies(List.of(MQ.rocketMq().proxyRemotingAddress())));
        brokersOnly = new RocketMqAdmin(AdminSettings.of(MQ.nameServerAddress()));
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
        String topic = "grpc-push-off";
        String group = "grpc-push-off-g";
        MQ.rocketMq().createTopic(topic, 2);
        try (SentIds sent = new SentIds(MQ.nameServerAddress(), topic)) {
            sent.send(20);
            GrpcLedger first = new GrpcLedger();
            try (PushConsumer consumer = first.push(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> first.receivedAll(sent.all()));
            }
            await().atMost(WAIT).until(() -> !admin.isOnline(group));
            long t = sent.storeTime(sent.nth(12));
            Set<String> expected = sent.storedFrom(t);

            AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
            assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);

            GrpcLedger again = new GrpcLedger();
            try (PushConsumer consumer = again.push(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> again.receivedAll(expected));
                assertThat(again.deliveries()).as("received again, per message id")
                        .isEqualTo(once(expected));
            }
        }
    }

    @Test
    void aRunningPushConsumerIsRewoundThroughTheBrokersAndReceivesAgainExactlyFromT() throws Exception {
        String topic = "grpc-push-live";
        String group = "grpc-push-live-g";
        MQ.rocketMq().createTopic(topic, 2);
        try (SentIds sent = new SentIds(MQ.nameServerAddress(), topic);
                ControlChannel channel = new ControlChannel(admin, "GRPC_CTL")) {
            sent.send(20);
            GrpcLedger ledger = new GrpcLedger();
            try (PushConsumer consumer = ledger.push(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> ledger.receivedAll(sent.all()));
                long t = sent.storeTime(sent.nth(12));
                Set<String> expected = sent.storedFrom(t);

                long rewound = System.currentTimeMillis();
                FleetRewind rewind = new FleetRewinder(admin, channel, Duration.ofSeconds(5))
                        .apply(new RewindPlanner(admin).plan(group, topic, t), "test");
                assertThat(rewind.applied().path()).as(rewind.note()).isEqualTo(RewindPath.BROKER_RESET);
                assertThat(rewind.note()).doesNotContain("no consumer of the group is online")
                        .contains("gRPC").contains(MQ.rocketMq().proxyRemotingAddress());
                assertThat(rewind.silentClients()).isEmpty();

                await().atMost(WAIT).until(() -> ledger.deliveriesSince(rewound).keySet().containsAll(expected));
                assertThat(ledger.deliveriesSince(rewound)).as("received again since the rewind, per message id")
                        .isEqualTo(once(expected));
            }
        }
    }

    @Test
    void aRunningSimpleConsumerIsRewoundThroughTheBrokersAndReceivesAgainExactlyFromT() throws Exception {
        String topic = "grpc-simple-live";
        String group = "grpc-simple-live-g";
        MQ.rocketMq().createTopic(topic, 2);
        try (SentIds sent = new SentIds(MQ.nameServerAddress(), topic)) {
            sent.send(20);
            GrpcLedger ledger = new GrpcLedger();
            try (AutoCloseable consumer = ledger.simple(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> ledger.receivedAll(sent.all()));
                long t = sent.storeTime(sent.nth(7));
                Set<String> expected = sent.storedFrom(t);

                long rewound = System.currentTimeMillis();
                AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
                assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);

                await().atMost(WAIT).until(() -> ledger.deliveriesSince(rewound).keySet().containsAll(expected));
                assertThat(ledger.deliveriesSince(rewound)).as("received again since the rewind, per message id")
                        .isEqualTo(once(expected));
            }
        }
    }

    @Test
    void aStoppedSimpleConsumerGroupReceivesAgainExactlyTheMessagesFromTWhenItStarts() throws Exception {
        String topic = "grpc-simple-off";
        String group = "grpc-simple-off-g";
        MQ.rocketMq().createTopic(topic, 2);
        try (SentIds sent = new SentIds(MQ.nameServerAddress(), topic)) {
            sent.send(20);
            GrpcLedger first = new GrpcLedger();
            try (AutoCloseable consumer = first.simple(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> first.receivedAll(sent.all()));
            }
            await().atMost(WAIT).until(() -> !admin.isOnline(group));
            long t = sent.storeTime(sent.nth(5));
            Set<String> expected = sent.storedFrom(t);

            AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
            assertThat(applied.path()).isEqualTo(RewindPath.OFFLINE_WRITE);

            GrpcLedger again = new GrpcLedger();
            try (AutoCloseable consumer = again.simple(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> again.receivedAll(expected));
                assertThat(again.deliveries()).as("received again, per message id").isEqualTo(once(expected));
            }
        }
    }

    @Test
    void aRunningPushConsumerRewoundUnderSteadyProductionReceivesAgainExactlyWhatWasStoredFromT() throws Exception {
        String topic = "grpc-push-steady";
        String group = "grpc-push-steady-g";
        MQ.rocketMq().createTopic(topic, 2);
        AtomicBoolean producing = new AtomicBoolean(true);
        try (SentIds sent = new SentIds(MQ.nameServerAddress(), topic)) {
            sent.send(10);
            GrpcLedger ledger = new GrpcLedger();
            try (PushConsumer consumer = ledger.push(MQ.rocketMq().proxyEndpoint(), group, topic)) {
                await().atMost(WAIT).until(() -> ledger.receivedAll(sent.all()));
                CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                    try {
                        while (producing.get()) {
                            sent.send(1);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(WAIT).until(() -> sent.count() >= 60);
                Set<String> beforeT = sent.all();
                await().atMost(WAIT).until(() -> ledger.receivedAll(beforeT));
                long t = beforeT.stream().mapToLong(sent::storeTime).max().orElseThrow() - 100;
                await().atMost(WAIT).until(() -> sent.count() >= beforeT.size() + 30);

                long rewindStarted = System.currentTimeMillis();
                AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
                long answered = System.currentTimeMillis();
                assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);

                int atAnswer = sent.count();
                await().atMost(WAIT).until(() -> sent.count() >= atAnswer + 30);
                producing.set(false);
                producer.get();
                Set<String> all = sent.all();
                await().atMost(WAIT).until(() -> ledger.receivedAll(all));
                Set<String> storedFromT = sent.storedFrom(t);
                await().atMost(WAIT).until(() -> ledger.deliveriesSince(rewindStarted).keySet()
                        .containsAll(storedFromT));

                Map<String, Long> firstDelivery = new HashMap<>();
                ledger.log().forEach(d -> firstDelivery.putIfAbsent(d.id(), d.at()));
                Map<String, Integer> sinceRewind = ledger.deliveriesSince(rewindStarted);
                Map<String, Integer> total = ledger.deliveries();
                assertThat(storedFromT).as("messages stored at or after T").hasSizeGreaterThan(30);
                assertThat(all.stream().filter(id -> !storedFromT.contains(id) && total.get(id) != 1).toList())
                        .as("stored before T and delivered other than once").isEmpty();
                // consumed before the rewind began: exactly once more since; first consumed after the answer: once;
                // first consumed while it was applied: not judged
                Map<String, Integer> wrong = new HashMap<>();
                for (String id : storedFromT) {
                    long first = firstDelivery.get(id);
                    if (first < rewindStarted && (sinceRewind.getOrDefault(id, 0) != 1 || total.get(id) != 2)) {
                        wrong.put(id, total.get(id));
                    } else if (first > answered && total.get(id) != 1) {
                        wrong.put(id, total.get(id));
                    }
                }
                assertThat(wrong).as("stored at or after T, delivered a wrong number of times (id -> deliveries)")
                        .isEmpty();
            } finally {
                producing.set(false);
            }
        }
    }

    private static Map<String, Integer> once(Set<String> ids) {
        Map<String, Integer> once = new HashMap<>();
        ids.forEach(id -> once.put(id, 1));
        return once;
    }
}
