package dev.backtrack.autoconfigure.positioning;

/** What start-up does when the journal cannot be read, so whether a setting was applied before is unknown. */
public enum OnJournalFailure {
    /** Start-up stops with an error that names the cause. */
    FAIL,
    /** The binding is not positioned (a WARN says so and why); its consumer resumes from its stored offsets. */
    SKIP
}
