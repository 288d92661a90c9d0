package dev.backtrack.core.progress;

import dev.backtrack.core.cluster.QueuePositions;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.QueueMove;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;

/**
 * Reads how far a group has got in replaying a recorded rewind, from its committed offsets on the brokers, and keeps
 * recent samples per rewind to give a rate and an ETA.
 *
 * <p>On each queue the catch-up point is the committed offset the rewind replaced ({@code from}); queues where the
 * group had none are skipped (listed in {@link ReplayProgress#skippedQueues()}). Replayed on a queue is the committed
 * offset now minus the rewind's target, within [0, catch-up point - target].
 */
public class ReplayProgressTracker {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(30);

    private final QueuePositions admin;
    private final Clock clock;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    /** Reads through {@code admin}. */
    public ReplayProgressTracker(QueuePositions admin) {
        this(admin, Clock.systemUTC());
    }

    /** Reads through {@code admin}, timing samples with {@code clock}. */
    public ReplayProgressTracker(QueuePositions admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** The progress of the recorded rewind now; also a sample for the rate of the next calls. */
    public ReplayProgress sample(JournalEntry rewind) {
        Map<String, QueueAddress> route = new HashMap<>();
        admin.queues(rewind.topic()).forEach(q -> route.put(name(q.queue().getBrokerName(), q.queue().getQueueId()), q));
        List<QueueProgress> queues = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (QueueMove move : rewind.queues()) {
            String name = name(move.broker(), move.queueId());
            if (move.from() == null) {
                skipped.add(name);
                continue;
            }
            long total = Math.max(0, move.from() - move.to());
            QueueAddress address = route.get(name);
            Long committed = address == null ? null : admin.committedOffset(address.brokerAddress(), rewind.group(),
                    new MessageQueue(rewind.topic(), move.broker(), move.queueId()));
            long replayed = committed == null ? 0 : Math.max(0, Math.min(total, committed - move.to()));
            queues.add(new QueueProgress(move.broker(), move.queueId(), move.to(), move.from(), committed, replayed,
                    total));
        }
        long replayed = queues.stream().mapToLong(QueueProgress::replayed).sum();
        long total = queues.stream().mapToLong(QueueProgress::total).sum();
        boolean done = queues.stream().allMatch(QueueProgress::done);
        long now = clock.millis();
        double rate = rate(rewind.id() == null ? rewind.group() + "|" + rewind.topic() : rewind.id(), now, replayed);
        Long eta = done ? Long.valueOf(0) : rate > 0 ? Long.valueOf((long) Math.ceil((total - replayed) / rate)) : null;
        double percent = total == 0 ? 100 : replayed * 100.0 / total;
        return new ReplayProgress(rewind.id() == null ? "" : rewind.id(), rewind.group(), rewind.topic(), replayed,
                total, percent, rate, eta, done, now, List.copyOf(queues),
                List.copyOf(skipped));
    }

    /** Messages per second between the oldest sample within the window and now; 0 with no earlier sample. */
    private double rate(String key, long now, long replayed) {
        Deque<Sample> recent = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && now - recent.peekFirst().at() > RATE_WINDOW.toMillis()) {
                recent.pollFirst();
            }
            @Nullable Sample oldest = recent.peekFirst();
            recent.addLast(new Sample(now, replayed));
            if (oldest == null || now <= oldest.at()) {
                return 0;
            }
            return Math.max(0, (replayed - oldest.replayed()) * 1000.0 / (now - oldest.at()));
        }
    }

    private static String name(String broker, int queueId) {
        return broker + "/" + queueId;
    }

    private record Sample(long at, long replayed) {
    }
}
