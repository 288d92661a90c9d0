package dev.backtrack.autoconfigure.listener;

import static dev.backtrack.autoconfigure.listener.LedgerListenerApplication.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.control.LocalConsumers;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.test.DeliveryLedger.Delivery;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Live rocketmq-spring listeners rewound to T on a real two-broker cluster, in place over the control topic and through
 * the broker: what is received again equals, per message id, what was stored at or after T.
 */
class ListenerRewindTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aLiveListenerIsRewoundInPlaceExactly() throws Exception {
        String topic = "lr-inplace-topic";
        String group = "lr-inplace-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(40);
            try (ConfigurableApplicationContext app = startConsumingAll(sent, group, topic)) {
                assertThat(app.getBean(LocalConsumers.class).find(group, topic)).as("registered for in-place rewinds")
                        .isPresent();
                long t = sent.storeTime(ids.get(17));
                Map<String, Integer> before = ledger(app).deliveries();
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
                FleetRewind rewind = app.getBean(BacktrackControl.class).fleetRewinder(admin).orElseThrow()
                        .apply(plan, "test");
                assertThat(rewind.applied().path()).as(rewind.note()).isEqualTo(RewindPath.IN_PROCESS);
                assertThat(rewind.acknowledgements()).hasSize(1);
                assertReceivedAgainOnceEach(app, before, sent.storedFrom(t));
            }
        }
    }

    @Test
    void aLiveListenerWithoutTheControlChannelIsRewoundThroughTheBrokerExactly() throws Exception {
        String topic = "lr-broker-topic";
        String group = "lr-broker-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(40);
            try (ConfigurableApplicationContext app = startConsumingAll(sent, group, topic,
                    "--backtrack.control.enabled=false")) {
                long t = sent.storeTime(ids.get(23));
                Map<String, Integer> before = ledger(app).deliveries();
                AppliedRewind applied = new RewindApplier(admin).apply(new RewindPlanner(admin).plan(group, topic, t));
                assertThat(applied.path()).isEqualTo(RewindPath.BROKER_RESET);
                assertReceivedAgainOnceEach(app, before, sent.storedFrom(t));
            }
        }
    }

    @Test
    void aLiveListenerRewoundInPlaceUnderSteadyProductionReceivesAgainExactlyWhatWasStoredFromT() throws Exception {
        String topic = "lr-steady-topic";
        String group = "lr-steady-group";
        AtomicBoolean producing = new AtomicBoolean(true);
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            sent.send(10);
            try (ConfigurableApplicationContext app = startConsumingAll(sent, group, topic)) {
                CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
                    try {
                        while (producing.get()) {
                            sent.send(1);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(WAIT).until(() -> sent.count() >= 80);
                Set<String> beforeT = sent.all();
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(beforeT));
                long t = beforeT.stream().mapToLong(sent::storeTime).max().orElseThrow() - 200;
                await().atMost(WAIT).until(() -> sent.count() >= beforeT.size() + 40);

                long rewindStarted = System.currentTimeMillis();
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
                FleetRewind rewind = app.getBean(BacktrackControl.class).fleetRewinder(admin).orElseThrow()
                        .apply(plan, "test");
                long answered = System.currentTimeMillis();
                assertThat(rewind.applied().path()).as(rewind.note()).isEqualTo(RewindPath.IN_PROCESS);

                int atAnswer = sent.count();
                await().atMost(WAIT).until(() -> sent.count() >= atAnswer + 40);
                producing.set(false);
                producer.get();
                Set<String> all = sent.all();
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(all));

                Map<String, Long> firstDelivery = new HashMap<>();
                Map<String, Integer> sinceRewind = new HashMap<>();
                for (Delivery delivery : ledger(app).log()) {
                    firstDelivery.putIfAbsent(delivery.id(), delivery.at());
                    if (delivery.at() >= rewindStarted) {
                        sinceRewind.merge(delivery.id(), 1, Integer::sum);
                    }
                }
                Set<String> storedFromT = sent.storedFrom(t);
                Set<String> storedBeforeT = all.stream().filter(id -> !storedFromT.contains(id))
                        .collect(Collectors.toSet());
                assertThat(storedFromT).as("messages stored at or after T").hasSizeGreaterThan(40);
                assertThat(storedBeforeT).as("stored before T, delivered again since the rewind began")
                        .doesNotContainAnyElementsOf(sinceRewind.keySet());
                assertThat(ledger(app).deliveries().entrySet().stream()
                        .filter(e -> storedBeforeT.contains(e.getKey()) && e.getValue() != 1).toList())
                        .as("stored before T and delivered other than once").isEmpty();
                // consumed before the rewind began: exactly once more since (replay starts before the answer comes);
                // first consumed after the answer: exactly once; first consumed while it was applied: not judged
                Map<String, Integer> wrong = new HashMap<>();
                for (String id : storedFromT) {
                    long first = firstDelivery.get(id);
                    int total = ledger(app).deliveries().get(id);
                    if (first < rewindStarted && (sinceRewind.getOrDefault(id, 0) != 1 || total != 2)) {
                        wrong.put(id, total);
                    } else if (first > answered && total != 1) {
                        wrong.put(id, total);
                    }
                }
                assertThat(wrong).as("stored at or after T, delivered a wrong number of times (id -> deliveries)")
                        .isEmpty();
            } finally {
                producing.set(false);
            }
        }
    }

    private static ConfigurableApplicationContext startConsumingAll(SentMessages sent, String group, String topic,
            String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--backtrack.listeners." + group + ".consume-timestamp=0";
        System.arraycopy(args, 0, all, 1, args.length);
        ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group, topic,
                all);
        Set<String> ids = sent.all();
        await().atMost(WAIT).until(() -> ledger(app).receivedAll(ids));
        return app;
    }


    /** After the rewind, every expected id arrives once more, and nothing else arrives again. */
    private static void assertReceivedAgainOnceEach(ConfigurableApplicationContext app, Map<String, Integer> before,
            Set<String> expected) {
        await().atMost(WAIT).until(() -> again(ledger(app).deliveries(), before).keySet().containsAll(expected));
        Map<String, Integer> again = again(ledger(app).deliveries(), before);
        assertThat(again.keySet()).as("ids received again").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(again.entrySet().stream().filter(e -> e.getValue() != 1).toList())
                .as("ids received again more than once").isEmpty();
    }

    private static Map<String, Integer> again(Map<String, Integer> now, Map<String, Integer> before) {
        Map<String, Integer> again = new HashMap<>();
        now.forEach((id, count) -> {
            int more = count - before.getOrDefault(id, 0);
            if (more > 0) {
                again.put(id, more);
            }
        });
        return again;
    }
}
