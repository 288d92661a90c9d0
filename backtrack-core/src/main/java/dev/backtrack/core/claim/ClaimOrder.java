package dev.backtrack.core.claim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rule that picks, from the claim queue's records in queue order, which claim holds a setting.
 *
 * <p>The first claim for the key holds it. It stops holding it when its claimant releases it, or when a later claim
 * for the key is stored at least one lease after it: that later claim, the first one stored after the lease expired,
 * holds it from then on. Every reader of the same records reaches the same answer, because the rule uses only the
 * queue's order and the one broker's store times.
 */
public final class ClaimOrder {

    private ClaimOrder() {
    }

    /** The claim that holds {@code key} after the given records (queue order), if any. */
    public static Optional<StoredClaim> holder(List<StoredClaim> records, ClaimKey key, Duration lease) {
        long leaseMillis = lease.toMillis();
        StoredClaim holder = null;
        for (StoredClaim stored : records) {
            ClaimRecord record = stored.record();
            if (!record.key().equals(key)) {
                continue;
            }
            if (record.kind() == ClaimRecord.Kind.CLAIM) {
                if (holder == null || stored.storeTime() >= holder.storeTime() + leaseMillis) {
                    holder = stored;
                }
            } else if (holder != null && record.claimId().equals(holder.record().claimId())) {
                holder = null;
            }
        }
        return Optional.ofNullable(holder);
    }

    /** The claim that holds {@code key} once the records up to and including {@code offset} are taken into account. */
    public static Optional<StoredClaim> holderAt(List<StoredClaim> records, long offset, ClaimKey key,
            Duration lease) {
        return holder(records.stream().filter(r -> r.offset() <= offset).toList(), key, lease);
    }
}
