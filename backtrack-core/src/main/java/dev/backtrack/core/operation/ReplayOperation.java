package dev.backtrack.core.operation;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.JournalIds;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.GuardedReplayer;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import dev.backtrack.core.replay.WindowReplayRecords;
import dev.backtrack.core.replay.WindowReplayResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window replay, in one place for every front end: the messages stored in [from, until) that match the group's
 * tags go to the group's retry topic, its offsets left alone; a window replayed to the group before is refused unless
 * asked again; the replay is a run recorded with the actor before it sends and again when it ends, so that a run that
 * paused or was killed can be resumed ({@link RunOperation}).
 */
public final class ReplayOperation {

    private static final Logger log = LoggerFactory.getLogger(ReplayOperation.class);

    private final ClusterSession session;
    private final RocketMqAdmin admin;

    /**
     * Works through {@code session}; {@code admin} is the session's admin client, which reads and sends the window's
     * messages.
     */
    public ReplayOperation(ClusterSession session, RocketMqAdmin admin) {
        this.session = session;
        this.admin = admin;
    }

    /** The plan of {@code window} with the tags given (none: the group's subscription); nothing is sent. */
    public WindowPlan plan(ReplayWindow window, GivenTags tags) {
        return new WindowPlanner(admin).plan(window, tags);
    }

    /**
     * Replays {@code plan} as {@code actor}: refused with an {@link AlreadyReplayedException} naming
     * {@code againHint} when messages of the window were replayed to the group before and {@code again} is false.
     */
    public ReplayOutcome apply(WindowPlan plan, boolean again, String againHint, String actor) {
        return apply(plan, again, againHint, actor, SendPolicy.DEFAULT);
    }

    /** As {@link #apply(WindowPlan, boolean, String, String)}, sending at most at {@code rate}. */
    public ReplayOutcome apply(WindowPlan plan, boolean again, String againHint, String actor, SendRate rate) {
        return apply(plan, again, againHint, actor, SendPolicy.of(rate));
    }

    /**
     * As {@link #apply(WindowPlan, boolean, String, String)}, sending as {@code policy} says: at most at its rate, its
     * canary first (the rest only once the group consumed each of those without failing), and pausing when more than
     * its threshold of the messages sent in the last minute fail.
     */
    public ReplayOutcome apply(WindowPlan plan, boolean again, String againHint, String actor, SendPolicy policy) {
        return apply(plan, again, againHint, actor, policy, runId -> { });
    }

    /**
     * As {@link #apply(WindowPlan, boolean, String, String, SendPolicy)}, telling {@code started} the run's id once
     * its start is recorded, before the first send (so that a front end can show it while the run sends).
     */
    public ReplayOutcome apply(WindowPlan plan, boolean again, String againHint, String actor, SendPolicy policy,
            Consumer<String> started) {
        refuseIfReplayedBefore(plan, again, againHint);
        GuardedReplayer.requireCanaryPossible(plan, policy); // before the run is recorded: nothing to resume
        SendRun run = WindowReplayRecords.runOf(JournalIds.newId(), plan, policy);
        JournalEntry first = WindowReplayRecords.started(plan, actor, run);
        try {
            session.record(first);
        } catch (RuntimeException e) {
            throw new JournalException("Cannot record the start of this " + (first.kind().name().equals("REDRIVE")
                    ? "redrive" : "replay") + " (" + e.getMessage() + "). Nothing was sent: a run is recorded "
                    + "before it sends, so that it can be resumed and is not sent twice.", e);
        }
        started.accept(run.id());
        return send(plan, run, actor, policy);
    }

    /** Sends {@code plan} as run {@code run} (already recorded as started or resumed) and records how it ended. */
    ReplayOutcome send(WindowPlan plan, SendRun run, String actor, SendPolicy policy) {
        GuardedReplayer.Result sent = new GuardedReplayer(admin).replay(plan, policy, run.id());
        WindowReplayResult result = sent.sent();
        RunState end = result.complete() ? RunState.FINISHED : sent.paused() ? RunState.PAUSED : RunState.FAILED;
        List<String> warnings = List.of();
        try {
            session.record(WindowReplayRecords.entry(result, actor).withRun(run.in(end, result.failure())));
        } catch (RuntimeException e) {
            warnings = List.of("messages replayed; the record of how the run ended could not be written (its start "
                    + "is recorded: a second replay of this window is refused, and `resume " + run.id()
                    + "` sends what is left): " + e.getMessage());
        }
        log.info("Backtrack: {} replayed {} messages of topic {} {} to group {} (run {}, {})", actor,
                result.replayed(), plan.window().topic(), plan.window().describe(), plan.window().group(), run.id(),
                end);
        return new ReplayOutcome(plan, result, warnings, sent.canary(), run.id(), end);
    }

    /**
     * Fails with an {@link AlreadyReplayedException} naming {@code againHint} when messages of the window were
     * replayed to the group before and {@code again} is false (a front end may check before it asks for
     * confirmation; {@link #apply} checks again).
     */
    public void refuseIfReplayedBefore(WindowPlan plan, boolean again, String againHint) {
        Optional<JournalEntry> before;
        try {
            before = WindowReplayRecords.overlapping(session.journalEntries(), plan);
        } catch (JournalException e) {
            throw new JournalException("Cannot check whether this window was replayed before: " + e.getMessage()
                    + ". Nothing was replayed.", e);
        }
        if (before.isPresent() && !again) {
            throw new AlreadyReplayedException(plan.window().group(), before.get(), againHint);
        }
    }
}
