package dev.backtrack.core.rewind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.rewind.DeliveryLog.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges, per message id, what a consumer received around a rewind to T that began at {@code rewindStarted}:
 * <ul>
 * <li>stored before T: delivered exactly once (never again since the rewind began);</li>
 * <li>stored at or after T and consumed before the rewind began: delivered exactly once more since;</li>
 * <li>first delivered after the queue's replay began (the second delivery of the message at the queue's target
 * offset): exactly once;</li>
 * <li>first delivered between the rewind and the queue's replay (read from the old position meanwhile): once or
 * twice; twice is a duplicate, counted.</li>
 * </ul>
 * Every message sent must have been received.
 */
final class ReplayExactness {

    /** What was wrong (empty when exact), and the duplicates of the window between rewind and replay. */
    record Verdict(List<String> problems, int replayed, int duplicates, Map<String, Long> replayStarts) {
    }

    private ReplayExactness() {
    }

    /**
     * @param storeTimes store time per label of everything sent
     * @param targets the target offset per queue ("broker/queueId") of the rewind
     */
    static Verdict judge(DeliveryLog log, Map<String, Long> storeTimes, long t, long rewindStarted,
            Map<String, Long> targets) {
        List<Delivery> deliveries = log.deliveries();
        Map<String, Integer> counts = log.counts();
        Map<String, Integer> since = log.countsSince(rewindStarted);
        Map<String, Long> first = log.firstDeliveries();
        Map<String, Long> replayStarts = new TreeMap<>();
        for (Delivery d : deliveries) {
            String queue = d.broker() + "/" + d.queueId();
            if (d.at() >= rewindStarted && targets.containsKey(queue) && d.offset() == targets.get(queue)
                    && first.get(d.label()) < rewindStarted) {
                replayStarts.putIfAbsent(queue, d.at());
            }
        }
        Map<String, String> queueOf = new TreeMap<>();
        deliveries.forEach(d -> queueOf.putIfAbsent(d.label(), d.broker() + "/" + d.queueId()));
        List<String> problems = new ArrayList<>();
        int replayed = 0;
        int duplicates = 0;
        for (Map.Entry<String, Long> message : storeTimes.entrySet()) {
            String id = message.getKey();
            int total = counts.getOrDefault(id, 0);
            if (total == 0) {
                problems.add(id + " never received");
                continue;
            }
            long firstAt = first.get(id);
            if (message.getValue() < t) {
                if (total != 1 || firstAt < rewindStarted && since.containsKey(id)) {
                    problems.add(id + " stored before T: " + total + " deliveries, " + since.getOrDefault(id, 0)
                            + " since the rewind began");
                }
            } else if (firstAt < rewindStarted) {
                replayed++;
                if (total != 2 || since.getOrDefault(id, 0) != 1) {
                    problems.add(id + " stored at or after T, consumed before the rewind: " + total + " deliveries, "
                            + since.getOrDefault(id, 0) + " since the rewind began (expected 2 and 1)");
                }
            } else {
                Long replayStart = replayStarts.get(queueOf.get(id));
                if (replayStart == null) {
                    problems.add(id + " on " + queueOf.get(id) + ": that queue's replay never began");
                } else if (firstAt > replayStart && total != 1) {
                    problems.add(id + " first delivered after its queue's replay began: " + total + " deliveries");
                } else if (total > 2) {
                    problems.add(id + " first delivered before its queue's replay began: " + total + " deliveries");
                } else if (total == 2) {
                    duplicates++;
                }
            }
        }
        return new Verdict(problems, replayed, duplicates, replayStarts);
    }

    /**
     * Asserts a quiet rewind (nothing stored meanwhile but after the replay): every message of {@code replay} came
     * exactly once more, nothing else came again, and nothing came twice in the window before the replay.
     */
    static void assertExactlyOnceMore(DeliveryLog log, Map<String, Long> storeTimes, long t, long rewindStarted,
            Map<String, Long> targets, Set<String> replay) {
        Verdict verdict = judge(log, storeTimes, t, rewindStarted, targets);
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.replayed()).isEqualTo(replay.size()).isGreaterThanOrEqualTo(9);
        assertThat(verdict.duplicates()).isZero();
    }

    /**
     * The queues on which deliveries at or after {@code from} (until the next delivery of a lower offset, i.e. each
     * run) did not come in offset order: for an orderly consumer every run of deliveries on a queue is ascending.
     */
    static List<String> outOfOrder(DeliveryLog log, long from) {
        Map<String, Long> last = new TreeMap<>();
        Map<String, Long> runStart = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Delivery d : log.deliveries()) {
            if (d.at() < from) {
                continue;
            }
            String queue = d.broker() + "/" + d.queueId();
            Long previous = last.put(queue, d.offset());
            if (previous != null && d.offset() <= previous) {
                // a new run is allowed only as the rewind's jump back, once per queue
                if (runStart.containsKey(queue)) {
                    problems.add(queue + ": offset " + d.offset() + " after " + previous);
                }
                runStart.put(queue, d.offset());
            }
        }
        return problems;
    }
}
