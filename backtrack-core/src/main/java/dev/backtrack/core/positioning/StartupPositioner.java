package dev.backtrack.core.positioning;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.Clock;
import java.util.Optional;

/** Positions a consumer group at a configured start time before its consumer starts, once per setting. */
public class StartupPositioner {

    private final RewindPlanner planner;
    private final RewindApplier applier;
    private final RewindJournal journal;
    private final TimeExpressionParser parser;
    private final Clock clock;

    /** Creates a positioner over the given planner, applier, journal and time parser. */
    public StartupPositioner(RewindPlanner planner, RewindApplier applier, RewindJournal journal,
            TimeExpressionParser parser, Clock clock) {
        this.planner = planner;
        this.applier = applier;
        this.journal = journal;
        this.parser = parser;
        this.clock = clock;
    }

    /** Applies {@code timeExpression} to (group, topic) under the given rule, recording it in the journal. */
    public PositioningOutcome position(String group, String topic, String timeExpression, StartupPositioning rule,
            String actor) {
        long timestamp = parser.toEpochMillis(timeExpression);
        if (rule == StartupPositioning.ONCE) {
            Optional<JournalEntry> earlier = journal.find(JournalKind.STARTUP_POSITIONING, group, topic, timeExpression);
            if (earlier.isPresent()) {
                return new PositioningOutcome(PositioningOutcome.Action.ALREADY_APPLIED, null, null, earlier.get());
            }
        }
        RewindPlan plan = planner.plan(group, topic, timestamp);
        if (rule == StartupPositioning.NATIVE && plan.queues().stream().anyMatch(q -> q.committedOffset() != null)) {
            return new PositioningOutcome(PositioningOutcome.Action.HAS_OFFSETS, plan, null, null);
        }
        AppliedRewind applied = applier.apply(plan);
        journal.append(JournalEntry.of(JournalKind.STARTUP_POSITIONING, plan, timeExpression, clock.millis(), actor));
        return new PositioningOutcome(PositioningOutcome.Action.APPLIED, plan, applied, null);
    }
}
