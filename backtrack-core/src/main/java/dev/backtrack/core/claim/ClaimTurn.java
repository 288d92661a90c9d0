package dev.backtrack.core.claim;

import dev.backtrack.core.journal.JournalEntry;

/** What waiting for a setting's claim ended with: this instance holds it, or the setting has been applied. */
public sealed interface ClaimTurn {

    /**
     * This instance holds the claim and may apply the setting.
     *
     * @param claim the holding claim as stored
     * @param sentNanos {@link System#nanoTime()} just before the claim was sent (its lease is counted from there)
     */
    record Held(StoredClaim claim, long sentNanos) implements ClaimTurn {
    }

    /**
     * The setting has been applied (by another instance, or earlier).
     *
     * @param entry the journal entry that records it
     */
    record Applied(JournalEntry entry) implements ClaimTurn {
    }
}
