package dev.backtrack.core.rewind;

/** How a rewind was put into effect. */
public enum RewindPath {
    /** No consumer of the group was connected: the offsets were written on the brokers directly. */
    OFFLINE_WRITE,
    /** Consumers were connected: the brokers told them to reset (RocketMQ's own path; they take 10-30 s). */
    BROKER_RESET,
    /** The consumer runs in this process: its queues were repositioned in place (pause, drop buffers, seek, resume). */
    IN_PROCESS
}
