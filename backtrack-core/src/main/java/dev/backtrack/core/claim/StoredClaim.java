package dev.backtrack.core.claim;

/**
 * A claim record as the broker stored it.
 *
 * @param record the record
 * @param offset its offset in the claim queue, which orders all records
 * @param storeTime the broker's store time, epoch milliseconds (one broker's clock for every record)
 */
public record StoredClaim(ClaimRecord record, long offset, long storeTime) {
}
