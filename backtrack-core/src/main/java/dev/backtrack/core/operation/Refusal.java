package dev.backtrack.core.operation;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.replay.UnsupportedGroupException;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.Optional;

/**
 * Every reason an operation is refused or fails, each mapped once to the HTTP status the endpoint and the console
 * answer and to the exit code of the CLI. The exception's message says what was wrong and what to do; docs/architecture.md
 * lists the table.
 */
public enum Refusal {

    /** A value the user gave is not acceptable (time, offsets, field, confirmation): 400, exit 2. */
    BAD_INPUT(400, 2),
    /** The journal has no entry with the id given: 404, exit 2. */
    UNKNOWN_ENTRY(404, 2),
    /** The topic has no route on the cluster: 404, exit 1. */
    UNKNOWN_TOPIC(404, 1),
    /** Brokers that held queues of the topic are missing and a partial rewind was not allowed: 409, exit 1. */
    PARTIAL_CLUSTER(409, 1),
    /** The group consumes in broadcasting mode; the brokers cannot move its offsets: 409, exit 1. */
    BROADCASTING_GROUP(409, 1),
    /** Consumers of the group receive through a proxy (gRPC clients) and must stop first: 409, exit 1. */
    RUNNING_GRPC_CONSUMERS(409, 1),
    /** The journal entry cannot serve the operation: not a rewind, undone already, or it moved nothing: 409, exit 1. */
    ENTRY_REFUSED(409, 1),
    /**
     * Pairs of a batch rewind (every group of a topic, every topic of a group) would be refused, and the request
     * did not leave them out: 409, exit 1.
     */
    REFUSED_IN_BATCH(409, 1),
    /** The group cannot be served by this operation (e.g. a replay to a broadcasting group): 409, exit 1. */
    UNSUPPORTED_GROUP(409, 1),
    /** The window was replayed to the group before, and the request did not ask for it again: 409, exit 1. */
    ALREADY_REPLAYED(409, 1),
    /** The cluster or the journal on it failed or denied a request (silent broker, ACL): 503, exit 1. */
    CLUSTER_FAILURE(503, 1);

    private final int httpStatus;
    private final int exitCode;

    Refusal(int httpStatus, int exitCode) {
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
    }

    /** The HTTP status the endpoint and the console answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The exit code of the CLI. */
    public int exitCode() {
        return exitCode;
    }

    /** The refusal {@code failure} stands for; empty for an exception that is none of them (a defect: 500). */
    public static Optional<Refusal> of(Throwable failure) {
        Refusal refusal;
        if (failure instanceof BatchRefusedException) {
            refusal = REFUSED_IN_BATCH;
        } else if (failure instanceof PartialRewindException) {
            refusal = PARTIAL_CLUSTER;
        } else if (failure instanceof BroadcastingGroupException) {
            refusal = BROADCASTING_GROUP;
        } else if (failure instanceof ProxiedConsumersException) {
            refusal = RUNNING_GRPC_CONSUMERS;
        } else if (failure instanceof EntryRefusedException) {
            refusal = ENTRY_REFUSED;
        } else if (failure instanceof UnsupportedGroupException) {
            refusal = UNSUPPORTED_GROUP;
        } else if (failure instanceof AlreadyReplayedException) {
            refusal = ALREADY_REPLAYED;
        } else if (failure instanceof UnknownJournalEntryException) {
            refusal = UNKNOWN_ENTRY;
        } else if (failure instanceof UnknownTopicException) {
            refusal = UNKNOWN_TOPIC;
        } else if (failure instanceof InvalidRewindInputException || failure instanceof IllegalArgumentException) {
            refusal = BAD_INPUT;
        } else if (failure instanceof RewindException || failure instanceof JournalException) {
            refusal = CLUSTER_FAILURE;
        } else {
            refusal = null;
        }
        return Optional.ofNullable(refusal);
    }
}
