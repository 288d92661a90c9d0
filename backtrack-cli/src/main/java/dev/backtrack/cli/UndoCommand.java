package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.operation.BatchUndoOperation;
import dev.backtrack.core.operation.BatchUndoPlan;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.UndoOperation;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack undo ID}: puts a group back at the committed offsets a recorded rewind replaced. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Undo the recorded rewind ID (see backtrack history), or every rewind of the batch ID (printed by "
                + "rewind --all-groups or --all-topics), each reported on its own: every queue it moved goes back to the "
                + "committed offset it had before, through the same paths as a rewind (in place for instances with "
                + "the starter), read back and recorded. A queue that had no committed offset before is left where it "
                + "is. An entry undone already, an undo or a start-up positioning is refused (exit 1). Shows the plan "
                + "and asks for confirmation unless --yes; --dry-run only shows the plan.")
final class UndoCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "ID", description = "The journal id of the rewind (first column of history), or a batch id.")
    String id;

    @Mixin
    MoveOptions move;

    @Spec
    CommandSpec spec;

    BufferedReader input;

    @Override
    public Integer call() throws IOException {
        RocketMqNames.requireTopic(move.journalTopic);
        RocketMqNames.requireTopic(move.controlTopic);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (RewindConnections connections = RewindConnections.open(cluster.settings(), move.journalTopic,
                move.controlTopic, !move.dryRun, move.ackTimeout)) {
            BatchUndoOperation batches = new BatchUndoOperation(connections, OperationObserver.NONE);
            Optional<BatchUndoPlan> batch = batches.plan(id);
            if (batch.isPresent()) {
                return new BatchUndos(batches, cluster.json, cluster.zoneId()).undo(out, err, batch.get(), move,
                        input);
            }
            UndoOperation undos = new UndoOperation(connections, OperationObserver.NONE);
            UndoPlan undo = undos.plan(id);
            RewindPlan plan = undo.plan();
            if (!cluster.json) {
                out.println("Undo of " + id + " (" + undo.undone().kind() + " " + undo.undone().requestedTime() + " by "
                        + undo.undone().actor() + "): back to the committed offsets it replaced");
                PlanView.print(out, plan, cluster.zoneId());
                undo.notes().forEach(note -> out.println("Note: " + note));
                out.flush();
            }
            if (move.dryRun) {
                print(out, new UndoResultView(null, id, plan.group(), plan.topic(), true, null,
                        "dry run: nothing changed", plan.queues(), plan.messagesToReplay(), plan.messagesToSkip(),
                        null, List.of(), List.of(), undo.notes(), List.of()));
                return BacktrackCli.OK;
            }
            if (!confirmed(err, undo)) {
                err.println("Not confirmed: nothing changed (use --yes to skip the question).");
                err.flush();
                return BacktrackCli.FAILED;
            }
            String actor = RewindCommand.actor();
            UndoResult result = undos.apply(undo, actor);
            print(out, new UndoResultView(result.entry().id(), id, plan.group(), plan.topic(), false,
                    result.outcome().applied().path().name(), result.outcome().note(), plan.queues(),
                    plan.messagesToReplay(), plan.messagesToSkip(), result.outcome().applied().verifiedOffsets(),
                    result.outcome().acknowledgements(), result.outcome().silentClients(), undo.notes(),
                    result.warnings()));
            return BacktrackCli.OK;
        }
    }

    private boolean confirmed(PrintWriter err, UndoPlan undo) throws IOException {
        return move.confirmed(err, input, "Undo " + id + ": group " + undo.plan().group() + " on topic "
                + undo.plan().topic() + " goes back on " + undo.plan().queues().size() + " queue(s). Proceed?");
    }

    private void print(PrintWriter out, UndoResultView result) {
        if (cluster.json) {
            Output.json(out, result);
            return;
        }
        if (result.dryRun()) {
            out.println("Dry run: nothing changed.");
        } else {
            out.println("Undone (" + result.path() + "): " + result.note() + ". Verified on every broker: "
                    + result.verifiedOffsets());
            out.println("Journal id of the undo: " + result.id());
        }
        result.warnings().forEach(warning -> out.println("Warning: " + warning));
        out.flush();
    }
}
