package dev.backtrack.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.inventory.RewindTargets;
import dev.backtrack.core.operation.BatchMoveFailedException;
import dev.backtrack.core.operation.BatchPlan;
import dev.backtrack.core.operation.BatchRewindOperation;
import dev.backtrack.core.operation.BatchRewindOutcome;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.ClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RefusedPair;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The batch forms of {@code plan} and {@code rewind} ({@code --all-groups}, {@code --all-topics}): one plan table
 * grouped by group and topic, one confirmation, and the result of every pair with the batch id that
 * {@code backtrack undo} takes. The work is core's {@link BatchRewindOperation}.
 */
final class BatchRewinds {

    private final BatchRewindOperation operation;
    private final boolean json;
    private final ZoneId zone;

    /** Works through {@code session}, whose admin also finds the groups and topics; prints JSON when {@code json}. */
    BatchRewinds(ClusterSession session, RocketMqAdmin admin, boolean json, ZoneId zone) {
        this.operation = new BatchRewindOperation(session, new RewindTargets(admin), OperationObserver.NONE);
        this.json = json;
        this.zone = zone;
    }

    /** {@code backtrack plan --all-groups|--all-topics}: prints the plan; nothing moves. */
    int plan(PrintWriter out, BatchRewindRequest request) {
        BatchPlan plan = operation.plan(request);
        if (json) {
            Output.json(out, document(plan, null, true, List.of()));
        } else {
            print(out, plan);
        }
        return BacktrackCli.OK;
    }

    /**
     * {@code backtrack rewind --all-groups|--all-topics}: prints the plan, asks for confirmation (unless --yes), moves
     * every pair and prints each one's result; a batch that failed part way is printed pair by pair and exits 1.
     */
    int rewind(PrintWriter out, PrintWriter err, BatchRewindRequest request, MoveOptions move,
            @Nullable BufferedReader input) throws IOException {
        BatchPlan plan = operation.plan(request);
        if (!json) {
            print(out, plan);
        }
        if (move.dryRun) {
            if (json) {
                Output.json(out, document(plan, null, true, List.of()));
            } else {
                out.println("Dry run: nothing changed.");
                out.flush();
            }
            return BacktrackCli.OK;
        }
        if (!move.confirmed(err, input, question(plan))) {
            err.println("Not confirmed: nothing changed (use --yes to skip the question).");
            err.flush();
            return BacktrackCli.FAILED;
        }
        try {
            BatchRewindOutcome outcome = operation.apply(plan);
            List<BatchPairResult> pairs = outcome.steps().stream().map(BatchPairResult::of).toList();
            printResult(out, document(outcome.plan(), outcome.batch(), false, pairs), "Rewound batch "
                    + outcome.batch() + ": " + pairs.size() + " group/topic pair(s), each verified on every broker");
            if (!json) {
                out.println("Batch id: " + outcome.batch() + " (backtrack undo " + outcome.batch()
                        + " puts every one back)");
                out.flush();
            }
            return BacktrackCli.OK;
        } catch (BatchMoveFailedException e) {
            List<BatchPairResult> pairs = e.steps().stream().map(BatchPairResult::of).toList();
            printResult(out, document(plan, e.batch(), false, pairs), "Batch " + e.batch() + " FAILED part way");
            err.println("error: " + ErrorText.of(e.getMessage()));
            err.flush();
            return BacktrackCli.FAILED;
        }
    }

    /** The confirmation: how many groups, topics and queues move, and how many messages replay. */
    static String question(BatchPlan plan) {
        return "Rewind " + plan.groups().size() + " group(s) (" + String.join(", ", plan.groups()) + ") on "
                + plan.topics().size() + " topic(s) (" + String.join(", ", plan.topics()) + "): " + plan.queues()
                + " queue(s) move, " + plan.messagesToReplay() + " messages will be replayed"
                + (plan.refused().isEmpty() ? "" : "; " + plan.refused().size() + " refused pair(s) left out")
                + (plan.partial() ? "; PARTIAL: some brokers are missing" : "") + ". Proceed?";
    }

    /** The plan table: one row per queue, grouped by group and topic, then notes, warnings and refused pairs. */
    private void print(PrintWriter out, BatchPlan plan) {
        RewindPlan first = plan.planned().get(0).plan();
        out.println("Batch rewind plan: " + plan.request().scope().describe() + ", " + PlanView.target(first, zone)
                + ": " + plan.groups().size() + " group(s), " + plan.topics().size() + " topic(s), " + plan.queues()
                + " queue(s)");
        List<String> headers = new ArrayList<>(List.of("GROUP", "TOPIC"));
        headers.addAll(PlanView.headers(first));
        TablePrinter table = new TablePrinter(headers.toArray(String[]::new));
        for (CheckedPlan checked : plan.planned()) {
            RewindPlan pair = checked.plan();
            for (QueueRewind q : pair.queues()) {
                List<Object> row = new ArrayList<>(List.of(pair.group(), pair.topic()));
                row.addAll(PlanView.row(pair, q, zone));
                table.row(row.toArray());
            }
        }
        long skip = plan.planned().stream().mapToLong(p -> p.plan().messagesToSkip()).sum();
        table.row(PlanView.total(headers.size(), plan.messagesToReplay(), skip));
        table.print(out);
        for (CheckedPlan checked : plan.planned()) {
            RewindPlan pair = checked.plan();
            PlanView.printNotes(out, pair, zone, " (group " + pair.group() + ", topic " + pair.topic() + ")");
            PartialRewinds.printWarning(out, pair, checked.coverage());
        }
        plan.refused().forEach(r -> out.println("Refused, left out: " + r.describe()));
        out.flush();
    }

    private void printResult(PrintWriter out, BatchDocument document, String heading) {
        if (json) {
            Output.json(out, document);
            return;
        }
        out.println(heading + ":");
        BatchPairResult.print(out, document.pairs(), "moved");
    }

    private static BatchDocument document(BatchPlan plan, @Nullable String batch, boolean dryRun,
            List<BatchPairResult> pairs) {
        return new BatchDocument(plan.request().scope().describe(), batch, dryRun, plan.groups(), plan.topics(),
                plan.queues(), plan.messagesToReplay(), plan.planned().stream()
                        .map(p -> PartialRewinds.planDocument(p.plan(), p.coverage())).toList(), plan.refused(),
                pairs);
    }

    /**
     * A batch as printed with --json.
     *
     * @param scope which groups and topics, in words
     * @param batch the batch id the journal entries share; null for a plan or a dry run
     * @param dryRun whether nothing was changed on purpose
     * @param groups the groups that move
     * @param topics the topics that move
     * @param queues how many queues move
     * @param messagesToReplay how many messages the groups consume again
     * @param plans the plan of every pair (as {@code plan --json} prints one)
     * @param refused the pairs left out, each with why
     * @param pairs what became of each pair: moved (with its journal id and offsets read back), failed (why) or not
     *     attempted; empty for a plan or a dry run
     */
    record BatchDocument(String scope, @Nullable String batch, boolean dryRun, List<String> groups,
            List<String> topics, int queues, long messagesToReplay, List<ObjectNode> plans, List<RefusedPair> refused,
            List<BatchPairResult> pairs) {
    }
}
