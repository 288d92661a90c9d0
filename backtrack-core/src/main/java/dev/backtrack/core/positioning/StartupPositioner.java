package dev.backtrack.core.positioning;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.claim.ClaimKey;
import dev.backtrack.core.claim.ClaimTurn;
import dev.backtrack.core.claim.SettingClaims;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.Clock;

/**
 * Positions a consumer group at a configured start time before its consumer starts, once per setting: of several
 * instances starting together, one applies it (the one whose claim comes first) and the others wait until the
 * journal records it.
 */
public class StartupPositioner {

    private static final int ATTEMPTS = 3;

    private final RewindPlanner planner;
    private final RewindApplier applier;
    private final RewindJournal journal;
    private final SettingClaims claims;
    private final TimeExpressionParser parser;
    private final Clock clock;

    /** Creates a positioner over the given planner, applier, journal, claims and time parser. */
    public StartupPositioner(RewindPlanner planner, RewindApplier applier, RewindJournal journal,
            SettingClaims claims, TimeExpressionParser parser, Clock clock) {
        this.planner = planner;
        this.applier = applier;
        this.journal = journal;
        this.claims = claims;
        this.parser = parser;
        this.clock = clock;
    }

    /**
     * Applies {@code timeExpression} to (group, topic) under the given rule, recording it in the journal. Fails with
     * a {@link JournalException}, before anything moved, when the journal or the claims cannot be read; with a
     * {@link PositioningNotRecordedException} when the group was moved but the journal did not take the record.
     */
    public PositioningOutcome position(String group, String topic, String timeExpression, StartupPositioning rule,
            String actor) {
        long timestamp = parser.toEpochMillis(timeExpression);
        if (rule == StartupPositioning.NATIVE) {
            RewindPlan plan = planner.plan(group, topic, timestamp);
            if (plan.queues().stream().anyMatch(q -> q.committedOffset() != null)) {
                return new PositioningOutcome(PositioningOutcome.Action.HAS_OFFSETS, plan, null, null);
            }
            return apply(plan, timeExpression, actor);
        }
        ClaimKey key = new ClaimKey(group, topic, timeExpression);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ClaimTurn turn = claims.awaitTurn(key, actor,
                    () -> journal.find(JournalKind.STARTUP_POSITIONING, group, topic, timeExpression));
            if (turn instanceof ClaimTurn.Applied applied) {
                return new PositioningOutcome(PositioningOutcome.Action.ALREADY_APPLIED, null, null, applied.entry());
            }
            ClaimTurn.Held held = (ClaimTurn.Held) turn;
            PositioningOutcome outcome;
            try {
                RewindPlan plan = planner.plan(group, topic, timestamp);
                if (!claims.hasHalfLeaseLeft(held)) {
                    claims.release(held, actor); // too slow to be sure of finishing within the lease: claim anew
                    continue;
                }
                outcome = apply(plan, timeExpression, actor);
            } catch (RuntimeException e) {
                claims.release(held, actor);
                throw e;
            }
            return outcome;
        }
        throw new RewindException("Could not position group " + group + " on topic " + topic + " at "
                + timeExpression + ": planning took more than half of the claim's lease (" + claims.lease().toSeconds()
                + " s) " + ATTEMPTS + " times; nothing was moved");
    }

    private PositioningOutcome apply(RewindPlan plan, String timeExpression, String actor) {
        AppliedRewind applied = applier.apply(plan);
        try {
            journal.append(JournalEntry.of(JournalKind.STARTUP_POSITIONING, plan, timeExpression, clock.millis(),
                    actor));
        } catch (JournalException e) {
            throw new PositioningNotRecordedException("Group " + plan.group() + " on topic " + plan.topic()
                    + " was positioned at " + timeExpression + ", but the journal did not take the record, so the "
                    + "setting would be applied again at the next start: " + e.getMessage(), e);
        }
        return new PositioningOutcome(PositioningOutcome.Action.APPLIED, plan, applied, null);
    }
}
