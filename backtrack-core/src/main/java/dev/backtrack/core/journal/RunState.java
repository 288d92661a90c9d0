package dev.backtrack.core.journal;

/** Where a run of a window replay or a redrive stands, as its latest journal entry says. */
public enum RunState {
    /** About to send (or sending, or stopped without a word: its process was killed); resumable. */
    STARTED,
    /** Sending again after a pause or a stop; resumable once it ends without a word. */
    RESUMED,
    /** Stopped on purpose: its canary failed, or too many of its messages failed; waits for resume or abort. */
    PAUSED,
    /** Stopped by a send that failed; resumable. */
    FAILED,
    /** Every message sent. */
    FINISHED,
    /** Ended by an operator before every message was sent; not resumable. */
    ABORTED;

    /** Whether a run in this state may be resumed. */
    public boolean resumable() {
        return this != FINISHED && this != ABORTED;
    }
}
