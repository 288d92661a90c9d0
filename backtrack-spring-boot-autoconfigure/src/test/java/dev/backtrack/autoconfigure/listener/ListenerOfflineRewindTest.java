package dev.backtrack.autoconfigure.listener;

import static dev.backtrack.autoconfigure.listener.LedgerListenerApplication.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rocketmq-spring listener group rewound to T while no consumer of it is online (offsets written on the brokers),
 * then the listener application started: it receives exactly what was stored at or after T, each message once.
 */
class ListenerOfflineRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void anOfflineListenerGroupRewoundByTimeReceivesExactlyWhatWasStoredFromT() throws Exception {
        String topic = "lo-offline-topic";
        String group = "lo-offline-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(40);
            Set<String> all = sent.all();
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.listeners." + group + ".consume-timestamp=0")) {
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(all));
            }
            long t = sent.storeTime(ids.get(19));

            AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
            assertThat(applied.path()).as("no consumer of the group is online").isEqualTo(RewindPath.OFFLINE_WRITE);

            Set<String> expected = sent.storedFrom(t);
            assertThat(expected).as("stored at or after T").hasSizeBetween(1, all.size() - 1);
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic)) {
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(expected));
                Map<String, Integer> deliveries = ledger(app).deliveries();
                assertThat(deliveries.keySet()).as("ids received after the restart")
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(deliveries.entrySet().stream().filter(e -> e.getValue() != 1).toList())
                        .as("ids received more than once (id -> deliveries)").isEmpty();
            }
        }
    }

}
