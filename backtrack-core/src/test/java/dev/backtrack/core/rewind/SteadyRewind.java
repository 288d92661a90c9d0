package dev.backtrack.core.rewind;

import static org.awaitility.Awaitility.await;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.ReplayExactness.Verdict;
import dev.backtrack.embedded.EmbeddedRocketMq;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A live consumer under steady production (one message every 10 ms on a two-queue topic) rewound to a T about 40
 * messages back, judged per message id (for tests): once everything sent has been received and every message consumed
 * before the rewind and stored from T has come again, or a minute has passed.
 */
final class SteadyRewind {

    /** Starts a consumer of (group, topic) that logs every delivery in {@code log}. */
    interface ConsumerStarter {
        AutoCloseable start(String group, String topic, DeliveryLog log) throws Exception;
    }

    /** The judgement, the log it was made from, and when the rewind began. */
    record Outcome(Verdict verdict, DeliveryLog log, long rewindStarted) {
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private SteadyRewind() {
    }

    static Outcome run(EmbeddedRocketMq mq, RocketMqAdmin admin, String topic, String group, ConsumerStarter starter,
            Consumer<RewindPlan> rewind) throws Exception {
        try (SteadyProducer producer = new SteadyProducer(mq, topic, "s")) {
            producer.send(10);
            DeliveryLog log = new DeliveryLog();
            try (AutoCloseable consumer = starter.start(group, topic, log)) {
                producer.start(10);
                await().atMost(PATIENCE).until(() -> producer.count() >= 80);
                Set<String> beforeT = producer.labels();
                await().atMost(PATIENCE).until(() -> log.receivedAll(beforeT));
                // every message stored before T has been consumed before the rewind
                Map<String, Long> storedSoFar = producer.storeTimes();
                long t = beforeT.stream().mapToLong(storedSoFar::get).max().orElseThrow() - 200;
                int atT = producer.count();
                await().atMost(PATIENCE).until(() -> producer.count() >= atT + 40);

                long rewindStarted = System.currentTimeMillis();
                RewindPlan plan = new RewindPlanner(admin).plan(group, topic, t);
                rewind.accept(plan);
                int atAnswer = producer.count();
                await().atMost(PATIENCE).until(() -> producer.count() >= atAnswer + 40);
                producer.stop();
                Set<String> all = producer.labels();
                Map<String, Long> storeTimes = producer.storeTimes();
                Map<String, Long> first = log.firstDeliveries();
                Set<String> replay = storedFrom(storeTimes, t).stream()
                        .filter(id -> first.containsKey(id) && first.get(id) < rewindStarted)
                        .collect(Collectors.toSet());
                try {
                    await().atMost(PATIENCE).until(() -> log.receivedAll(all)
                            && replay.stream().allMatch(id -> log.counts().get(id) >= 2));
                } catch (ConditionTimeoutException e) {
                    // judged below: the verdict names what did not come
                }
                return new Outcome(ReplayExactness.judge(log, storeTimes, t, rewindStarted, targets(plan)), log,
                        rewindStarted);
            }
        }
    }

    /** The labels stored at or after {@code t}. */
    static Set<String> storedFrom(Map<String, Long> storeTimes, long t) {
        return storeTimes.entrySet().stream().filter(e -> e.getValue() >= t).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** The plan's target offsets, keyed "broker/queueId". */
    static Map<String, Long> targets(RewindPlan plan) {
        Map<String, Long> targets = new LinkedHashMap<>();
        plan.queues().forEach(q -> targets.put(q.broker() + "/" + q.queueId(), q.targetOffset()));
        return targets;
    }
}
