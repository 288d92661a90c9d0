package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.DeadLetterMaker;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.grpc.GrpcLedger;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.RedriveOperation;
import dev.backtrack.core.operation.ReplayOperation;
import dev.backtrack.core.redrive.RedrivePlan;
import dev.backtrack.core.rewind.PopConsumers;
import dev.backtrack.test.RecordingConsumer;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.rocketmq.common.MixAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window replay and redrive reach a group only through its retry topic, so which consumers receive them depends on
 * how the group consumes. Ledger tests per kind, on a real broker with a proxy: a remoting push consumer in pop mode
 * (the broker assigns its queues; it still reads the retry topic) receives the window and the dead letters exactly
 * once each; gRPC push and simple consumers (through the proxy) never read the retry topic, so both operations are
 * refused naming the proxy, and nothing is sent. Remoting push consumers in the default mode: {@link WindowReplayTest}
 * and {@code RedriveTest}.
 */
class ReplayConsumerKindsTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().withProxy().shared();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static KeptClusterSession session;

    @BeforeAll
    static void connect() {
        session = new KeptClusterSession(() -> TestAdmins.settings(MQ.nameServerAddress())
                .withProxies(List.of(MQ.rocketMq().proxyRemotingAddress())), "KINDS_JOURNAL", null,
                a -> Optional.empty());
    }

    @AfterAll
    static void disconnect() {
        session.close();
    }

    @Test
    void aPushConsumerInPopModeReceivesTheWindowAndTheDeadLettersExactlyOnceEach() throws Exception {
        String topic = "kinds-pop";
        String group = "kinds-pop-g";
        RocketMqAdmin admin = session.admin();
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(10);
            Set<String> dead = Set.of(ids.get(2), ids.get(5));
            DeadLetterMaker.deadLetter(admin, group, topic, ids, dead);
            PopConsumers.setPopMode(MQ.rocketMq(), topic, group);
            try (RecordingConsumer popping = RecordingConsumer.on(MQ.nameServerAddress(), group, topic)
                    .labelledBy(RecordingConsumer.MESSAGE_ID).configure(c -> c.setClientRebalance(false)).start()) {
                await().atMost(WAIT).until(() -> admin.popsOnline(group));

                ReplayOperation replay = new ReplayOperation(session, admin);
                long from = sent.storeTime(ids.get(6));
                WindowPlan window = replay.plan(new ReplayWindow(group, topic, from, Long.MAX_VALUE),
                        GivenTags.option(null));
                assertThat(window.target().online()).isTrue();
                assertThat(replay.apply(window, false, "again", "tester").result().replayed()).isEqualTo(4);
                Set<String> replayed = sent.storedFrom(from);
                popping.awaitLabels(replayed, WAIT);

                RedriveOperation redrive = new RedriveOperation(session, admin);
                RedrivePlan deadLetters = redrive.plan(group, 0, Long.MAX_VALUE, MessageSelection.ALL, "--tags");
                assertThat(redrive.apply(deadLetters, false, "again", "tester").result().replayed()).isEqualTo(2);
                popping.awaitLabels(dead, WAIT);

                Map<String, Integer> expected = new HashMap<>();
                replayed.forEach(id -> expected.put(id, 1));
                dead.forEach(id -> expected.put(id, 1));
                popping.await(() -> popping.deliveries() >= expected.size(), WAIT, "the window and the dead letters");
                assertThat(popping.deliveryCounts()).as("per message id: the window and the dead letters, once each")
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void grpcPushAndSimpleConsumersAreRefusedNamingTheProxyAndNothingIsSent() throws Exception {
        String proxy = MQ.rocketMq().proxyRemotingAddress();
        for (String kind : List.of("push", "simple")) {
            String topic = "kinds-grpc-" + kind;
            String group = topic + "-g";
            RocketMqAdmin admin = session.admin();
            try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
                List<String> ids = sent.send(6);
                admin.ensureTopic(MixAll.getDLQTopic(group), 1);
                GrpcLedger ledger = new GrpcLedger();
                String endpoint = MQ.rocketMq().proxyEndpoint();
                try (AutoCloseable consumer = kind.equals("push") ? ledger.push(endpoint, group, topic)
                        : ledger.simple(endpoint, group, topic)) {
                    await().atMost(WAIT).until(() -> ledger.receivedAll(sent.all()));
                    ReplayWindow window = new ReplayWindow(group, topic, sent.storeTime(ids.get(0)), Long.MAX_VALUE);
                    assertThatThrownBy(() -> new ReplayOperation(session, admin).plan(window, GivenTags.option("*")))
                            .as(kind).isInstanceOf(UnsupportedGroupException.class)
                            .hasMessageContaining("Group '" + group + "' has consumers online as gRPC clients "
                                    + "(rocketmq-client-java) through proxy " + proxy)
                            .hasMessageContaining("never reads the group's retry topic %RETRY%" + group)
                            .hasMessageContaining("Nothing was sent");
                    assertThatThrownBy(() -> new RedriveOperation(session, admin).plan(group, 0, Long.MAX_VALUE,
                            MessageSelection.ALL, "--tags")).as(kind).isInstanceOf(UnsupportedGroupException.class)
                            .hasMessageContaining("gRPC clients").hasMessageContaining("through proxy " + proxy);
                    assertThat(DeadLetterMaker.stored(admin, MixAll.getRetryTopic(group))).as("nothing sent").isZero();
                    assertThat(ledger.repeated()).as("nothing delivered twice").isEmpty();
                }
            }
        }
    }
}
