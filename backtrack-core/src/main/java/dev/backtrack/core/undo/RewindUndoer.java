package dev.backtrack.core.undo;

import dev.backtrack.core.cluster.ClusterAdmin;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a recorded REWIND: puts each of its queues back at the committed offset the rewind replaced ({@code from}),
 * through the same paths and read-back as a rewind, and records an UNDO entry naming it.
 *
 * <p>An undo never moves a queue forward past the replay nor back: a queue that had no committed offset before the
 * rewind, or where the group is already at or past the offset the rewind replaced (its replay there is over), is left
 * where it is, with a note. Only REWIND entries
 * are undone: an entry already undone, an UNDO (rewind again instead) or any other kind is refused.
 */
public class RewindUndoer {

    private static final Logger log = LoggerFactory.getLogger(RewindUndoer.class);

    private final ClusterAdmin admin;

    /** Plans through the given admin connection. */
    public RewindUndoer(ClusterAdmin admin) {
        this.admin = admin;
    }

    /** The plan undoing the entry {@code id} of {@code history}; fails when it is unknown or cannot be undone. */
    public UndoPlan plan(String id, JournalHistory history) {
        JournalEntry entry = history.byId(id).orElseThrow(() -> new UnknownJournalEntryException(id));
        if (entry.kind() != JournalKind.REWIND) {
            throw new UndoRefusedException("Journal entry " + id + " is " + describe(entry.kind())
                    + "; only REWIND entries can be undone" + (entry.kind() == JournalKind.UNDO
                            ? " (to go back to the rewound offsets, undo is not undone: rewind again)" : ""));
        }
        history.undoneBy(id).ifPresent(undo -> {
            throw new UndoRefusedException("Journal entry " + id + " (rewind of group " + entry.group() + " on topic "
                    + entry.topic() + ") was already undone by " + undo + "; see backtrack history");
        });
        TreeMap<QueueRef, Long> offsets = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Map<QueueRef, Long> committed = committedOffsets(entry.group(), entry.topic());
        for (QueueMove move : entry.queues()) {
            QueueRef queue = new QueueRef(move.broker(), move.queueId());
            Long now = committed.get(queue);
            if (move.from() == null) {
                notes.add(queue + ": the group had no committed offset there before the rewind; left where it is");
            } else if (now != null && now >= move.from()) {
                notes.add(queue + ": the group is at " + now + ", already at or past " + move.from()
                        + " where the rewind found it (replay over there); left where it is");
            } else {
                offsets.put(queue, move.from());
            }
        }
        if (offsets.isEmpty()) {
            throw new UndoRefusedException("Journal entry " + id + " cannot be undone: on every queue it moved, group "
                    + entry.group() + " had no committed offset before or is already back at or past it (the "
                    + "replay is over), so there is nothing to put back");
        }
        long later = history.oldestFirst().stream()
                .filter(e -> e.appliedAt() > entry.appliedAt() && e.group().equals(entry.group())
                        && e.topic().equals(entry.topic()) && e != entry
                        && (e.kind() == JournalKind.REWIND || e.kind() == JournalKind.UNDO))
                .count();
        if (later > 0) {
            notes.add(later + " later rewind(s) or undo(s) of group " + entry.group() + " on topic " + entry.topic()
                    + " are replaced too: the queues go back to where " + id + " found them");
        }
        RewindPlan plan = new RewindPlanner(admin).plan(entry.group(), entry.topic(),
                new PositionRequest.ToOffsets(offsets), Set.of());
        notes.addAll(plan.notes());
        return new UndoPlan(entry, plan, List.copyOf(notes));
    }

    /**
     * Applies the undo with {@code mover} (the fleet rewind, or {@link dev.backtrack.core.rewind.RewindApplier}) and
     * records it with {@code recorder} (a journal's append) as {@code actor}; the offsets have moved when this
     * returns, so a record that could not be written is a warning in the result.
     */
    public UndoResult undo(UndoPlan undo, Function<RewindPlan, FleetRewind> mover,
            UnaryOperator<JournalEntry> recorder, String actor) {
        FleetRewind outcome = mover.apply(undo.plan());
        JournalEntry entry = JournalEntry.of(JournalKind.UNDO, undo.plan(), undo.requested(),
                outcome.applied().appliedAt(), actor, outcome.applied().path()).undoing(undo.undone().id());
        List<String> warnings = new ArrayList<>();
        try {
            entry = recorder.apply(entry);
        } catch (RuntimeException e) {
            warnings.add("offsets moved back; the undo could not be recorded: " + e.getMessage());
        }
        log.info("Backtrack: {} undid {} (group {}, topic {}) through {}", actor, undo.undone().id(),
                undo.plan().group(), undo.plan().topic(), outcome.applied().path());
        return new UndoResult(undo, outcome, entry, List.copyOf(warnings));
    }

    /** The group's committed offsets now on the topic's queues in the route (queues without one left out). */
    private Map<QueueRef, Long> committedOffsets(String group, String topic) {
        Map<QueueRef, Long> offsets = new HashMap<>();
        for (QueueAddress queue : admin.queues(topic)) {
            Long offset = admin.committedOffset(queue.brokerAddress(), group, queue.queue());
            if (offset != null) {
                offsets.put(QueueRef.of(queue.queue()), offset);
            }
        }
        return offsets;
    }

    private static String describe(JournalKind kind) {
        return switch (kind) {
            case STARTUP_POSITIONING -> "a start-up positioning";
            case WINDOW_REPLAY -> "a window replay";
            case REDRIVE -> "a redrive";
            case UNDO -> "an undo";
            case REWIND -> "a rewind";
            case SNAPSHOT -> "a snapshot";
            case EXPORT -> "an export";
        };
    }
}
