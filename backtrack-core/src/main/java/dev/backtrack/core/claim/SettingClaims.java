package dev.backtrack.core.claim;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets exactly one of several instances apply a setting: each appends a claim to the claim queue, the first claim
 * in queue order wins (see {@link ClaimOrder}), and the others wait until the journal records the setting as applied,
 * or take over when the winner gave its claim up or its lease ran out.
 */
public class SettingClaims implements AutoCloseable {

    /** How long a claim holds a setting unless its claimant records the result or gives it up first. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    /** How often a waiting instance looks at the journal and the claims again. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(SettingClaims.class);
    private static final String SUFFIX = "_CLAIMS";
    private static final int MAX_TOPIC = 127;

    private final Supplier<ClaimQueue> opener;
    private final Duration lease;
    private final Duration poll;
    private ClaimQueue queue;

    /**
     * Claims on the queue that {@code opener} opens when the first claim is made (a setting found in the journal needs
     * none), with the given lease, looking again every {@code poll} while waiting.
     */
    public SettingClaims(Supplier<ClaimQueue> opener, Duration lease, Duration poll) {
        if (lease == null || lease.isNegative() || lease.isZero() || poll == null || poll.isNegative()
                || poll.isZero()) {
            throw new IllegalArgumentException("Claim lease and poll interval must be positive, were " + lease
                    + " and " + poll);
        }
        this.opener = opener;
        this.lease = lease;
        this.poll = poll;
    }

    /** The claim topic that goes with a journal topic: its name followed by {@code _CLAIMS}. */
    public static String claimTopic(String journalTopic) {
        String base = journalTopic.length() + SUFFIX.length() > MAX_TOPIC
                ? journalTopic.substring(0, MAX_TOPIC - SUFFIX.length()) : journalTopic;
        return base + SUFFIX;
    }

    /** The lease of every claim. */
    public Duration lease() {
        return lease;
    }

    /**
     * Blocks until this instance holds the claim on {@code key}, or {@code applied} (a journal look-up) finds the
     * setting applied. Fails with a {@link JournalException} when the claims or the journal cannot be read.
     */
    public ClaimTurn awaitTurn(ClaimKey key, String instance, Supplier<Optional<JournalEntry>> applied) {
        while (true) {
            Optional<JournalEntry> done = applied.get();
            if (done.isPresent()) {
                return new ClaimTurn.Applied(done.get());
            }
            long sentNanos = System.nanoTime();
            StoredClaim own = queue().append(new ClaimRecord(ClaimRecord.Kind.CLAIM, UUID.randomUUID().toString(),
                    key.group(), key.topic(), key.requestedTime(), instance, System.currentTimeMillis()));
            long storedNanos = System.nanoTime();
            List<StoredClaim> records = queue().readThrough(own.offset());
            StoredClaim holder = ClaimOrder.holderAt(records, own.offset(), key, lease).orElseThrow(() ->
                    new JournalException("Claim " + own.record().claimId() + " for " + key.describe()
                            + " was stored but is not among the records read back", null));
            if (holder.offset() == own.offset()) {
                done = applied.get(); // the previous holder may have recorded the result just before its lease ended
                if (done.isPresent()) {
                    release(own, instance);
                    return new ClaimTurn.Applied(done.get());
                }
                return new ClaimTurn.Held(own, sentNanos);
            }
            log.info("Backtrack: {} is being applied by {} (claimed at offset {} of the claim queue); waiting for it "
                    + "to be recorded", key.describe(), holder.record().instance(), holder.offset());
            Optional<ClaimTurn.Applied> result = awaitHolder(key, own, storedNanos, applied);
            if (result.isPresent()) {
                return result.get();
            }
        }
    }

    /** Waits while another claim holds the key; empty when it no longer does and this instance should claim again. */
    private Optional<ClaimTurn.Applied> awaitHolder(ClaimKey key, StoredClaim own, long storedNanos,
            Supplier<Optional<JournalEntry>> applied) {
        while (true) {
            ClaimQueue.pause(poll);
            Optional<JournalEntry> done = applied.get();
            if (done.isPresent()) {
                return Optional.of(new ClaimTurn.Applied(done.get()));
            }
            Optional<StoredClaim> holder = ClaimOrder.holder(queue().records(), key, lease);
            // The broker's clock now, at least: the own claim's store time plus the time elapsed since it was stored.
            long brokerNow = own.storeTime() + (System.nanoTime() - storedNanos) / 1_000_000;
            if (holder.isEmpty()) {
                log.info("Backtrack: the claim on {} was given up; claiming it again", key.describe());
                return Optional.empty();
            }
            if (brokerNow >= holder.get().storeTime() + lease.toMillis()) {
                log.warn("Backtrack: {} claimed {} {} ms ago and has not recorded it (lease {} ms); taking over",
                        holder.get().record().instance(), key.describe(), brokerNow - holder.get().storeTime(),
                        lease.toMillis());
                return Optional.empty();
            }
        }
    }

    /** Whether the claim still has at least half of its lease left, counted from before it was sent. */
    public boolean hasHalfLeaseLeft(ClaimTurn.Held held) {
        return (System.nanoTime() - held.sentNanos()) < lease.toNanos() / 2;
    }

    /** Gives the claim up so that a waiting instance takes over at once; a failure is logged (the lease covers it). */
    public void release(ClaimTurn.Held held, String instance) {
        release(held.claim(), instance);
    }

    private void release(StoredClaim claim, String instance) {
        ClaimRecord record = claim.record();
        try {
            queue().append(new ClaimRecord(ClaimRecord.Kind.RELEASE, record.claimId(), record.group(), record.topic(),
                    record.requestedTime(), instance, System.currentTimeMillis()));
        } catch (RuntimeException e) {
            log.warn("Backtrack: could not give up the claim on {} ({}); others take over when its lease of {} s "
                    + "ends", record.key().describe(), e.getMessage(), lease.toSeconds());
        }
    }

    private synchronized ClaimQueue queue() {
        if (queue == null) {
            queue = opener.get();
        }
        return queue;
    }

    /** Closes the claim queue, if it was opened. */
    @Override
    public synchronized void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
