package dev.backtrack.core.operation;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.redrive.RedrivePlan;
import dev.backtrack.core.redrive.RedrivePlanner;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.SendRate;

/**
 * The redrive, in one place for every front end: the group's dead letters stored in [from, until) that the selection
 * takes go back to the group through its retry topic, under the topic each was published to, with body, keys, tags
 * and user properties; the dead letters stay where they are. Dead letters redriven to the group before are refused
 * unless asked again; the redrive is recorded with the actor. It is a window replay of the dead-letter topic, so it
 * shares the replay's sending, record and refusal ({@link ReplayOperation}).
 */
public final class RedriveOperation {

    private final RocketMqAdmin admin;
    private final ReplayOperation replay;

    /** Works through {@code session}; {@code admin} is the session's admin client, which reads and sends. */
    public RedriveOperation(ClusterSession session, RocketMqAdmin admin) {
        this.admin = admin;
        this.replay = new ReplayOperation(session, admin);
    }

    /** The plan: how many dead letters, by original topic and tag, and the first few; nothing is sent. */
    public RedrivePlan plan(String group, long from, long until, MessageSelection selection, String filterInput) {
        return new RedrivePlanner(admin).plan(group, from, until, selection, filterInput);
    }

    /**
     * Fails with an {@link AlreadyReplayedException} naming {@code againHint} when dead letters of the plan were
     * redriven to the group before and {@code again} is false (a front end may check before asking for
     * confirmation; {@link #apply} checks again).
     */
    public void refuseIfRedrivenBefore(RedrivePlan plan, boolean again, String againHint) {
        replay.refuseIfReplayedBefore(plan.window(), again, againHint);
    }

    /** Sends the plan's dead letters back as {@code actor}; refused as {@link #refuseIfRedrivenBefore} says. */
    public ReplayOutcome apply(RedrivePlan plan, boolean again, String againHint, String actor) {
        return apply(plan, again, againHint, actor, SendRate.UNLIMITED);
    }

    /** As {@link #apply(RedrivePlan, boolean, String, String)}, sending at most at {@code rate}. */
    public ReplayOutcome apply(RedrivePlan plan, boolean again, String againHint, String actor, SendRate rate) {
        return replay.apply(plan.window(), again, againHint, actor, rate);
    }

    /** As {@link #apply(RedrivePlan, boolean, String, String)}, sending as {@code policy} says (canary, threshold). */
    public ReplayOutcome apply(RedrivePlan plan, boolean again, String againHint, String actor, SendPolicy policy) {
        return replay.apply(plan.window(), again, againHint, actor, policy);
    }

    /** As {@link #apply(RedrivePlan, boolean, String, String, SendPolicy)}, telling {@code started} the run's id. */
    public ReplayOutcome apply(RedrivePlan plan, boolean again, String againHint, String actor, SendPolicy policy,
            java.util.function.Consumer<String> started) {
        return replay.apply(plan.window(), again, againHint, actor, policy, started);
    }
}
