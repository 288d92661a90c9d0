package dev.backtrack.core.journal;

/** What kind of position change a journal entry records. */
public enum JournalKind {
    /** A binding's consumeTimestamp applied by the starter before its consumer started. */
    STARTUP_POSITIONING,
    /** A rewind requested at run time by an operator (endpoint or CLI). */
    REWIND,
    /** A window of stored messages re-delivered to a group through its retry topic, its offsets left alone. */
    WINDOW_REPLAY,
    /**
     * Dead letters of a group sent back to it through its retry topic, its offsets left alone; the entry's topic is
     * the dead-letter topic {@code %DLQ%<group>}.
     */
    REDRIVE,
    /** A rewind undone: the group's queues put back where the rewind found them ({@code undoes} names it). */
    UNDO,
    /**
     * A group's committed offsets on a topic, kept to be restored later (each queue's {@code from} and {@code to} are
     * the offset kept); nothing moved. A snapshot of several topics is one entry per topic, sharing a batch id and
     * the snapshot's name.
     */
    SNAPSHOT,
    /**
     * A group's committed offsets on a topic written to a file by a user (each queue's {@code from} and {@code to}
     * are the offset written); nothing moved.
     */
    EXPORT
}
