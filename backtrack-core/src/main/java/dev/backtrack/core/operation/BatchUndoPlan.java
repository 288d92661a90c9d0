package dev.backtrack.core.operation;

import dev.backtrack.core.undo.UndoPlan;
import java.util.List;

/**
 * How a batch rewind will be undone: one undo per REWIND entry of the batch that can be undone.
 *
 * @param batch the batch id
 * @param undos the undo of each entry, in the journal's order
 * @param leftOut the entries of the batch that are not undone, each with why (undone already, nothing to put back)
 */
public record BatchUndoPlan(String batch, List<UndoPlan> undos, List<String> leftOut) {

    /** Copies the lists. */
    public BatchUndoPlan {
        undos = List.copyOf(undos);
        leftOut = List.copyOf(leftOut);
    }

    /** How many queues go back, over every entry. */
    public int queues() {
        return undos.stream().mapToInt(u -> u.plan().queues().size()).sum();
    }
}
