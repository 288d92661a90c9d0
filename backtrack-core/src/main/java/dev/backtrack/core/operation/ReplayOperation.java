package dev.backtrack.core.operation;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import dev.backtrack.core.replay.WindowReplayRecords;
import dev.backtrack.core.replay.WindowReplayResult;
import dev.backtrack.core.replay.WindowReplayer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window replay, in one place for every front end: the messages stored in [from, until) that match the group's
 * tags go to the group's retry topic, its offsets left alone; a window replayed to the group before is refused unless
 * asked again; the replay is recorded with the actor.
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
        return apply(plan, again, againHint, actor, SendRate.UNLIMITED);
    }

    /** As {@link #apply(WindowPlan, boolean, String, String)}, sending at most at {@code rate}. */
    public ReplayOutcome apply(WindowPlan plan, boolean again, String againHint, String actor, SendRate rate) {
        refuseIfReplayedBefore(plan, again, againHint);
        WindowReplayResult result = new WindowReplayer(admin).replay(plan, rate);
        List<String> warnings = List.of();
        if (result.replayed() > 0) {
            try {
                session.record(WindowReplayRecords.entry(result, actor));
            } catch (RuntimeException e) {
                warnings = List.of("messages replayed; the record could not be written (a second replay of this "
                        + "window will not be refused): " + e.getMessage());
            }
        }
        log.info("Backtrack: {} replayed {} messages of topic {} {} to group {}", actor, result.replayed(),
                plan.window().topic(), plan.window().describe(), plan.window().group());
        return new ReplayOutcome(plan, result, warnings);
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
