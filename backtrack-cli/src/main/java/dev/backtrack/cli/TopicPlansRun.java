package dev.backtrack.cli;

import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.snapshot.TopicPlans;
import dev.backtrack.core.snapshot.TopicsOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The CLI's side of moving a group on several topics at once ({@code restore}, {@code rewind --from-file}): shows
 * every topic's plan, stops there for a dry run, asks for confirmation, applies, and prints what moved.
 */
final class TopicPlansRun {

    private final ClusterOptions cluster;
    private final MoveOptions move;
    private final BufferedReader input;

    TopicPlansRun(ClusterOptions cluster, MoveOptions move, BufferedReader input) {
        this.cluster = cluster;
        this.move = move;
        this.input = input;
    }

    /**
     * Shows {@code plans} under {@code heading}, then (unless a dry run, and once confirmed) applies them with
     * {@code apply}; returns the exit code. Plans that miss brokers without {@code allowPartial} go to {@code apply}
     * unasked, for its refusal.
     */
    int run(PrintWriter out, PrintWriter err, String heading, TopicPlans plans, boolean allowPartial,
            Function<TopicPlans, TopicsOutcome> apply) throws IOException {
        if (!cluster.json) {
            out.println(heading);
            for (CheckedPlan checked : plans.plans()) {
                PlanView.print(out, checked.plan(), cluster.zoneId());
                PartialRewinds.printWarning(out, checked.plan(), checked.coverage());
            }
            out.println("Over " + plans.plans().size() + " topic(s): " + plans.queueCount() + " queue(s), "
                    + plans.messagesToReplay() + " messages to replay, " + plans.messagesToSkip() + " to skip");
            out.flush();
        }
        if (move.dryRun) {
            print(out, new TopicsResult(plans.group(), plans.asked(), true, null, plans.messagesToReplay(),
                    plans.messagesToSkip(), plans.plans().stream().map(p -> RewindResult.of(p, null)).toList(),
                    List.of()));
            return BacktrackCli.OK;
        }
        boolean refused = !plans.complete() && !allowPartial;
        if (!refused && !move.confirmed(err, input, heading + ": group " + plans.group() + " moves on "
                + plans.plans().size() + " topic(s), " + plans.queueCount() + " queue(s); "
                + plans.messagesToReplay() + " messages will be replayed, " + plans.messagesToSkip() + " skipped"
                + (plans.complete() ? "" : "; PARTIAL: brokers are missing (see the warnings above)") + ". Proceed?")) {
            err.println("Not confirmed: nothing changed (use --yes to skip the question).");
            err.flush();
            return BacktrackCli.FAILED;
        }
        TopicsOutcome outcome = apply.apply(plans);
        List<RewindResult> topics = new ArrayList<>();
        for (int i = 0; i < plans.plans().size(); i++) {
            topics.add(RewindResult.of(plans.plans().get(i), outcome.outcomes().get(i)));
        }
        print(out, new TopicsResult(plans.group(), plans.asked(), false, outcome.batch(), plans.messagesToReplay(),
                plans.messagesToSkip(), topics, outcome.warnings()));
        return BacktrackCli.OK;
    }

    private void print(PrintWriter out, TopicsResult result) {
        if (cluster.json) {
            Output.json(out, result);
            return;
        }
        if (result.dryRun()) {
            out.println("Dry run: nothing changed.");
        } else {
            out.println("Moved group " + result.group() + " to " + result.asked() + " on " + result.topics().size()
                    + " topic(s); batch id " + result.batch() + ":");
            for (RewindResult topic : result.topics()) {
                out.println("  " + topic.topic() + " (" + topic.path() + "): journal id " + topic.id()
                        + ", verified " + topic.verifiedOffsets());
            }
        }
        result.warnings().forEach(warning -> out.println("Warning: " + warning));
        out.flush();
    }
}
