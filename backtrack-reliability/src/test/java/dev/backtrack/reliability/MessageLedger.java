package dev.backtrack.reliability;

import dev.backtrack.test.TopicContents;
import dev.backtrack.test.TestClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;

/**
 * The ids a plain RocketMQ producer sent (in order), their broker store times, and what the application instances'
 * ledger files say they received: from these it computes what was lost, wrongly replayed and delivered twice.
 */
final class MessageLedger {

    private final String topic;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, String> offsetMsgIds = new ConcurrentHashMap<>();
    private final Map<String, Long> storeTimes = new ConcurrentHashMap<>();

    MessageLedger(String topic) {
        this.topic = topic;
    }

    /** A ledger of {@code count} messages sent to {@code topic} in batches over its queues, with their store times. */
    static MessageLedger sentInBulk(String nameServer, String topic, int count) throws Exception {
        MessageLedger ledger = new MessageLedger(topic);
        try (LedgerProducer producer = new LedgerProducer(nameServer, ledger)) {
            producer.sendBulk(count);
        }
        ledger.readStoreTimes(nameServer);
        return ledger;
    }

    String topic() {
        return topic;
    }

    /** Records that {@code id} was sent and stored; {@code offsetMsgId} finds it on its broker. */
    synchronized void produced(String id, String offsetMsgId) {
        ids.add(id);
        offsetMsgIds.put(id, offsetMsgId);
    }

    synchronized int producedCount() {
        return ids.size();
    }

    /** The id sent {@code index}-th (from 0). */
    synchronized String id(int index) {
        return ids.get(index);
    }

    synchronized List<String> ids() {
        return List.copyOf(ids);
    }

    String offsetMsgId(String id) {
        return offsetMsgIds.get(id);
    }

    /** Reads every produced message back from the brokers, queue by queue from offset 0, for its store time. */
    @SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, with no rebalancing or seeking
    void readStoreTimes(String nameServer) throws Exception {
        List<String> wanted = ids();
        DefaultMQPullConsumer reader =
                TestClients.sizedForLoad(new DefaultMQPullConsumer("ledger-reader-" + UUID.randomUUID()));
        reader.setNamesrvAddr(nameServer);
        reader.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!storeTimes.keySet().containsAll(wanted)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Read back " + storeTimes.size() + " of " + wanted.size()
                            + " produced messages of " + topic);
                }
                TopicContents.forEachStored(reader, topic,
                        message -> storeTimes.put(message.getKeys(), message.getStoreTimestamp()));
            }
        } finally {
            reader.shutdown();
        }
    }

    /** The store time of a produced message (after {@link #readStoreTimes} or {@link #rememberStoreTime}). */
    long storeTime(String id) {
        Long time = storeTimes.get(id);
        if (time == null) {
            throw new IllegalStateException("No store time known for " + id);
        }
        return time;
    }

    void rememberStoreTime(String id, long storeTime) {
        storeTimes.put(id, storeTime);
    }

    /** Per id, the receive times (epoch ms, ascending) found in the instances' ledger files. */
    static Map<String, List<Long>> deliveries(Collection<Path> ledgers) {
        Map<String, List<Long>> deliveries = new HashMap<>();
        for (Path ledger : ledgers) {
            List<String> lines;
            try {
                lines = Files.exists(ledger) ? Files.readAllLines(ledger, StandardCharsets.US_ASCII) : List.of();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read ledger " + ledger, e);
            }
            for (String line : lines) {
                int space = line.indexOf(' ');
                if (space <= 0 || space == line.length() - 1) {
                    continue; // a line cut by SIGKILL in the middle
                }
                deliveries.computeIfAbsent(line.substring(space + 1), k -> new ArrayList<>())
                        .add(Long.parseLong(line.substring(0, space)));
            }
        }
        deliveries.values().forEach(times -> times.sort(Long::compare));
        return deliveries;
    }

    /** How many of the produced ids the ledgers show as received at or after {@code since} (epoch ms). */
    int receivedSince(Collection<Path> ledgers, long since) {
        Map<String, List<Long>> deliveries = deliveries(ledgers);
        int count = 0;
        for (String id : ids()) {
            List<Long> times = deliveries.get(id);
            if (times != null && times.get(times.size() - 1) >= since) {
                count++;
            }
        }
        return count;
    }

    /** How many distinct produced ids the ledgers show at all. */
    int receivedAtAll(Collection<Path> ledgers) {
        Map<String, List<Long>> deliveries = deliveries(ledgers);
        return (int) ids().stream().filter(deliveries::containsKey).count();
    }

    /**
     * The ledger after a rewind to {@code t} (store time, inclusive) requested at {@code rewindStarted} and answered
     * at {@code rewindAnswered} (epoch ms). Deliveries before {@code phaseStart} only tell whether a message had been
     * received before; extra deliveries are counted from {@code phaseStart} on (an earlier rewind's replays are not
     * duplicates).
     */
    LedgerSummary.Counts count(long t, long phaseStart, long rewindStarted, long rewindAnswered,
            Collection<Path> ledgers) {
        Map<String, List<Long>> deliveries = deliveries(ledgers);
        int expectedAfterT = 0;
        int consumedAfterT = 0;
        int lost = 0;
        int wronglyReplayed = 0;
        int notReplayed = 0;
        int duplicates = 0;
        int idsWithDuplicates = 0;
        for (String id : ids()) {
            long stored = storeTime(id);
            List<Long> times = deliveries.getOrDefault(id, List.of());
            boolean receivedBefore = !times.isEmpty() && times.get(0) < rewindStarted;
            long inPhaseBefore = times.stream().filter(at -> at >= phaseStart && at < rewindStarted).count();
            long after = times.stream().filter(at -> at >= rewindStarted).count();
            long extra = Math.max(0, inPhaseBefore - 1);
            if (stored >= t) {
                expectedAfterT++;
                if (after > 0) {
                    consumedAfterT++;
                } else {
                    lost++;
                    if (receivedBefore) {
                        notReplayed++;
                    }
                }
                // Received between the request and the answer, before its queue was repositioned: once more after.
                boolean caughtByTheRewind = !receivedBefore && stored < rewindAnswered && after > 1
                        && times.get(0) < rewindAnswered;
                extra += Math.max(0, after - 1 - (caughtByTheRewind ? 1 : 0));
            } else {
                if (times.isEmpty()) {
                    lost++;
                }
                // Stored before T and received again once the rewind was answered: replayed although it must not be.
                if (times.size() > 1 && times.get(times.size() - 1) >= rewindAnswered) {
                    wronglyReplayed++;
                }
                extra += receivedBefore ? after : Math.max(0, after - 1);
            }
            if (extra > 0) {
                duplicates += (int) extra;
                idsWithDuplicates++;
            }
        }
        return new LedgerSummary.Counts(ids().size(), expectedAfterT, consumedAfterT, lost, wronglyReplayed,
                notReplayed, duplicates, idsWithDuplicates);
    }

    /** Whether the first {@code count} produced ids were all received. */
    boolean receivedFirst(Collection<Path> ledgers, int count) {
        Map<String, List<Long>> deliveries = deliveries(ledgers);
        List<String> all = ids();
        for (int i = 0; i < count; i++) {
            if (!deliveries.containsKey(all.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The number of produced ids, from the first, that were all received. */
    int receivedPrefix(Collection<Path> ledgers) {
        Map<String, List<Long>> deliveries = deliveries(ledgers);
        List<String> all = ids();
        int count = 0;
        while (count < all.size() && deliveries.containsKey(all.get(count))) {
            count++;
        }
        return count;
    }
}
