package dev.backtrack.cli;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.RewindAck;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.MissingBroker;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code backtrack rewind} did, as printed with --json.
 *
 * @param group consumer group
 * @param topic topic
 * @param requestedTimestamp the time replayed from, epoch ms
 * @param dryRun whether nothing was changed on purpose
 * @param path how it was applied (OFFLINE_WRITE or BROKER_RESET), or null for a dry run
 * @param note what the operator should know about the path
 * @param queues per-queue plan
 * @param messagesToReplay total messages that will be consumed again
 * @param messagesToSkip total messages skipped
 * @param verifiedOffsets the committed offsets read back from the brokers, keyed broker/queueId
 * @param acknowledgements one per application instance that rewound its consumers in place
 * @param silentClients online consumers that did not acknowledge (they do not run the starter)
 * @param partial whether brokers that held queues of the topic were missing, so their queues did not move
 * @param notMovedBrokers those brokers, with how Backtrack knows they held queues of the topic
 * @param warnings what went wrong after the offsets moved (e.g. the record could not be written, or a rate could not
 *     apply); the rewind stands
 * @param position what was asked: the time as written, {@code offset 5}, {@code shift -100}, {@code group of OTHER}
 * @param otherGroup the group whose offsets were taken, or null
 * @param untouchedQueues queues of the topic that do not move (not selected, or nothing to move from)
 * @param notes per-queue notes of the plan: clamped targets, queues left where they are
 * @param id the journal id of the rewind (for {@code backtrack undo}), or null for a dry run
 */
record RewindResult(String group, String topic, long requestedTimestamp, boolean dryRun, @Nullable String path,
        String note,
        List<QueueRewind> queues, long messagesToReplay, long messagesToSkip,
        @Nullable Map<String, Long> verifiedOffsets,
        List<RewindAck> acknowledgements, List<String> silentClients, boolean partial,
        List<MissingBroker> notMovedBrokers, List<String> warnings, String position, @Nullable String otherGroup,
        List<String> untouchedQueues, List<String> notes, @Nullable String id) {

    /** The result of {@code checked}, applied as {@code done} (null for a dry run). */
    static RewindResult of(CheckedPlan checked, @Nullable RewindOutcome done) {
        RewindPlan plan = checked.plan();
        BrokerCoverage coverage = checked.coverage();
        FleetRewind applied = done == null ? null : done.applied();
        return new RewindResult(plan.group(), plan.topic(), plan.requestedTimestamp(), applied == null,
                applied == null ? null : applied.applied().path().name(),
                applied == null ? "dry run: nothing changed" : applied.note(), plan.queues(), plan.messagesToReplay(),
                plan.messagesToSkip(), applied == null ? null : applied.applied().verifiedOffsets(),
                applied == null ? List.of() : applied.acknowledgements(),
                applied == null ? List.of() : applied.silentClients(), !coverage.complete(),
                coverage.missingBrokers(), done == null ? List.of() : done.warnings(), plan.position(),
                plan.otherGroup(), plan.untouchedQueues(), plan.notes(),
                done == null || done.entry() == null ? null : done.entry().id());
    }

    /** The same result with these warnings. */
    RewindResult withWarnings(List<String> newWarnings) {
        return new RewindResult(group, topic, requestedTimestamp, dryRun, path, note, queues, messagesToReplay,
                messagesToSkip, verifiedOffsets, acknowledgements, silentClients, partial, notMovedBrokers,
                newWarnings, position, otherGroup, untouchedQueues, notes, id);
    }
}
