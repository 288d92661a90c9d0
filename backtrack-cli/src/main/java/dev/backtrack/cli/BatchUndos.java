package dev.backtrack.cli;

import dev.backtrack.core.operation.BatchMoveFailedException;
import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.BatchUndoOperation;
import dev.backtrack.core.operation.BatchUndoPlan;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code backtrack undo BATCH}: the undo of every rewind of a batch, through core's {@link BatchUndoOperation}:
 * each entry's plan, one confirmation, and the result of every entry.
 */
final class BatchUndos {

    private final BatchUndoOperation operation;
    private final boolean json;
    private final ZoneId zone;

    /** Undoes through {@code operation}; prints JSON when {@code json}, times in {@code zone}. */
    BatchUndos(BatchUndoOperation operation, boolean json, ZoneId zone) {
        this.operation = operation;
        this.json = json;
        this.zone = zone;
    }

    /** Prints the plan, asks for confirmation (unless --yes), undoes every entry and prints each one's result. */
    int undo(PrintWriter out, PrintWriter err, BatchUndoPlan plan, MoveOptions move, @Nullable BufferedReader input)
            throws IOException {
        if (!json) {
            out.println("Undo of batch " + plan.batch() + ": " + plan.undos().size() + " rewind(s) go back to the "
                    + "committed offsets they replaced");
            for (UndoPlan undo : plan.undos()) {
                out.println("Undo of " + undo.undone().id() + " (REWIND " + undo.undone().requestedTime() + " by "
                        + undo.undone().actor() + ")");
                PlanView.print(out, undo.plan(), zone);
                undo.notes().forEach(note -> out.println("Note: " + note));
            }
            plan.leftOut().forEach(entry -> out.println("Left out: " + entry));
            out.flush();
        }
        if (move.dryRun) {
            print(out, new BatchUndoDocument(plan.batch(), null, true, plan.leftOut(), List.of()));
            return BacktrackCli.OK;
        }
        if (!move.confirmed(err, input, "Undo batch " + plan.batch() + ": " + plan.undos().size() + " rewind(s) of "
                + plan.undos().stream().map(u -> u.plan().group()).distinct().count() + " group(s) on "
                + plan.undos().stream().map(u -> u.plan().topic()).distinct().count() + " topic(s) go back on "
                + plan.queues() + " queue(s). Proceed?")) {
            err.println("Not confirmed: nothing changed (use --yes to skip the question).");
            err.flush();
            return BacktrackCli.FAILED;
        }
        String actor = RewindCommand.actor();
        try {
            List<BatchStep<UndoResult>> steps = operation.apply(plan, actor);
            String undoBatch = steps.get(0).result().entry().batch();
            print(out, new BatchUndoDocument(plan.batch(), undoBatch, false, plan.leftOut(),
                    steps.stream().map(BatchPairResult::of).toList()));
            return BacktrackCli.OK;
        } catch (BatchMoveFailedException e) {
            print(out, new BatchUndoDocument(plan.batch(), e.batch(), false, plan.leftOut(),
                    e.steps().stream().map(BatchPairResult::of).toList()));
            err.println("error: " + ErrorText.of(e.getMessage()));
            err.flush();
            return BacktrackCli.FAILED;
        }
    }

    private void print(PrintWriter out, BatchUndoDocument document) {
        if (json) {
            Output.json(out, document);
            return;
        }
        if (document.dryRun()) {
            out.println("Dry run: nothing changed.");
        } else {
            out.println("Undo of batch " + document.batch() + " (the undos are batch " + document.undoBatch() + "):");
            BatchPairResult.print(out, document.entries(), "back");
        }
        out.flush();
    }

    /**
     * The undo of a batch as printed with --json.
     *
     * @param batch the batch undone
     * @param undoBatch the batch id the UNDO entries share; null for a dry run
     * @param dryRun whether nothing was changed on purpose
     * @param leftOut the rewinds of the batch not undone, each with why
     * @param entries what became of each rewind undone: moved back, failed (why) or not attempted
     */
    record BatchUndoDocument(String batch, @Nullable String undoBatch, boolean dryRun, List<String> leftOut,
            List<BatchPairResult> entries) {
    }
}
