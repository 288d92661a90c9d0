package dev.backtrack.core.rewind;

/** How a rewind was put into effect. */
public enum RewindPath {
    /** No consumer of the group was connected: the offsets were written on the brokers directly. */
    OFFLINE_WRITE("no consumer of the group was connected: offsets written on the brokers; consumers start there"),
    /** Consumers were connected: the brokers told them to reset (RocketMQ's own path; they take 10-30 s). */
    BROKER_RESET("consumers were connected: reset through the brokers (RocketMQ's slow broker-driven path); "
            + "each consumer moves at its next pull, typically within 10-30 s"),
    /** The consumer runs in this process: its queues were repositioned in place (pause, drop buffers, seek, resume). */
    IN_PROCESS("the consumers were repositioned in place: they resume from the targets at once");

    private final String note;

    RewindPath(String note) {
        this.note = note;
    }

    /** One line saying what this path means for the group's consumers. */
    public String note() {
        return note;
    }
}
