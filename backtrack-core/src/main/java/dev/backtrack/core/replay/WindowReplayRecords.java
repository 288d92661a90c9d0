package dev.backtrack.core.replay;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.journal.RunEntries;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Window replays and redrives in the journal: the entry recording one (per queue of the topic read, the offset range
 * sent as from/to, empty where nothing was), and the rule that nothing is sent to a group twice: a new replay or
 * redrive is refused when a recorded one of the same kind, group and topic covered any of its messages (the same
 * offsets of the same queue).
 */
public final class WindowReplayRecords {

    private WindowReplayRecords() {
    }

    /**
     * The entry that opens run {@code run} of {@code plan} by {@code actor}, before anything is sent: its id is the
     * run's, its queues the planned offset ranges, its count what the plan would send.
     */
    public static JournalEntry started(WindowPlan plan, String actor, SendRun run) {
        List<QueueMove> queues = plan.queues().stream()
                .map(q -> new QueueMove(q.broker(), q.queueId(), q.beginOffset(), q.endOffset())).toList();
        return new JournalEntry(run.id(), kindOf(plan), plan.window().group(), plan.window().topic(), requested(plan),
                plan.window().from(), System.currentTimeMillis(), actor, plan.matching(), queues, null, null, run);
    }

    /** The run's description for {@code plan}: its window's end, selection, rate and threshold, in state STARTED. */
    public static SendRun runOf(String runId, WindowPlan plan, SendPolicy policy) {
        MessageSelection selection = plan.selection();
        String tags = selection != MessageSelection.ALL ? selection.tags().expression()
                : plan.target().filter().expression();
        String keys = selection.keys().isEmpty() ? null : String.join(",", selection.keys());
        String filter = selection.sql() == null ? null : selection.sql().text();
        return new SendRun(runId, RunState.STARTED, plan.window().until(), tags, keys, filter,
                policy.rate().limited() ? policy.rate().describe() : null, policy.pauseAbovePercent(), null);
    }

    /** The journal entry for {@code result}, done by {@code actor}; requested time is the window and tag filter. */
    public static JournalEntry entry(WindowReplayResult result, String actor) {
        WindowPlan plan = result.plan();
        List<QueueMove> queues = new ArrayList<>();
        for (WindowQueue queue : plan.queues()) {
            // every queue of the topic, so that the record names every broker that held it; empty where none replayed
            QueueMove move = new QueueMove(queue.broker(), queue.queueId(), queue.beginOffset(), queue.beginOffset());
            for (QueueReplay replayed : result.queues()) {
                if (replayed.broker().equals(queue.broker()) && replayed.queueId() == queue.queueId()) {
                    move = new QueueMove(queue.broker(), queue.queueId(), replayed.beginOffset(), replayed.endOffset());
                }
            }
            queues.add(move);
        }
        return new JournalEntry(kindOf(plan), plan.window().group(), plan.window().topic(),
                requested(plan), plan.window().from(), result.appliedAt(), actor, result.replayed(), List.copyOf(queues));
    }

    /** What the journal shows as the request: the window and the tag filter (and the selection, if any). */
    public static String requested(WindowPlan plan) {
        if (plan.selection() != MessageSelection.ALL) {
            return plan.window().describe() + " " + plan.selection().describe();
        }
        return plan.window().describe() + " tags " + plan.target().filter().expression();
    }

    /** How the plan is recorded: a redrive when it reads a dead-letter topic, else a window replay. */
    public static JournalKind kindOf(WindowPlan plan) {
        return DeadLetters.isDeadLetterTopic(plan.window().topic()) ? JournalKind.REDRIVE : JournalKind.WINDOW_REPLAY;
    }

    /**
     * The latest recorded window replay of the plan's group and topic that covered messages the plan would replay: an
     * entry that records what a run sent, or the first entry of a run that has not ended (all it planned counts, as
     * it may be sending still, or be resumed).
     */
    public static Optional<JournalEntry> overlapping(List<JournalEntry> entries, WindowPlan plan) {
        JournalEntry latest = null;
        java.util.Set<String> ended = RunEntries.ended(entries);
        for (JournalEntry entry : entries) {
            if (entry.run() != null && (entry.run().state() == RunState.RESUMED || entry.run().state()
                    == RunState.ABORTED || entry.run().state() == RunState.STARTED && ended.contains(entry.run().id()))) {
                continue; // says nothing of what was sent
            }
            if (entry.kind() == kindOf(plan) && entry.group().equals(plan.window().group())
                    && entry.topic().equals(plan.window().topic()) && overlaps(entry, plan)) {
                latest = entry;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static boolean overlaps(JournalEntry entry, WindowPlan plan) {
        for (QueueMove move : entry.queues()) {
            Long from = move.from();
            if (from == null) {
                continue;
            }
            for (WindowQueue queue : plan.queues()) {
                if (queue.matching() > 0 && queue.broker().equals(move.broker()) && queue.queueId() == move.queueId()
                        && from < queue.endOffset() && queue.beginOffset() < move.to()) {
                    return true;
                }
            }
        }
        return false;
    }
}
