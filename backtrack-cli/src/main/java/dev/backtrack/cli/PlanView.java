package dev.backtrack.cli;

import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.time.TimeFormats;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Prints a rewind plan as an aligned table with totals, then its notes. */
final class PlanView {

    private PlanView() {
    }

    static void print(PrintWriter out, RewindPlan plan, ZoneId zone) {
        out.println("Rewind plan: group " + plan.group() + ", topic " + plan.topic() + ", " + target(plan, zone)
                + (plan.selectedQueues().isEmpty() ? "" : ", only on " + String.join(", ", plan.selectedQueues())));
        List<String> headers = headers(plan);
        TablePrinter table = new TablePrinter(headers.toArray(String[]::new));
        for (QueueRewind q : plan.queues()) {
            table.row(row(plan, q, zone).toArray());
        }
        table.row(total(headers.size(), plan.messagesToReplay(), plan.messagesToSkip()));
        table.print(out);
        printNotes(out, plan, zone, "");
    }

    /** The columns of a plan's table, which depend on how the position was asked (by time, another group). */
    static List<String> headers(RewindPlan plan) {
        List<String> headers = new ArrayList<>(List.of("BROKER", "QUEUE", "COMMITTED"));
        if (plan.otherGroup() != null) {
            headers.add(plan.otherGroup() + " COMMITTED");
        }
        if (!plan.byTime()) {
            headers.add("REQUESTED");
        }
        headers.addAll(List.of("TARGET", "MIN", "MAX", "TARGET STORE TIME", "REPLAY", "SKIP"));
        return headers;
    }

    /** The cells of queue {@code q} of {@code plan}, under {@link #headers}. */
    static List<Object> row(RewindPlan plan, QueueRewind q, ZoneId zone) {
        List<Object> row = new ArrayList<>(List.of(q.broker(), q.queueId()));
        row.add(q.committedOffset());
        if (plan.otherGroup() != null) {
            row.add(q.otherGroupOffset());
        }
        if (!plan.byTime()) {
            row.add(q.requestedOffset());
        }
        row.addAll(List.of(q.targetOffset(), q.minOffset(), q.maxOffset()));
        row.add(q.targetStoreTimestamp() == null ? null : TimeFormats.iso(q.targetStoreTimestamp(), zone));
        row.addAll(List.of(q.messagesToReplay(), q.messagesToSkip()));
        return row;
    }

    /** The total row of a table of {@code width} columns: its label first, the replayed and skipped messages last. */
    static Object[] total(int width, long replay, long skip) {
        Object[] total = new Object[width];
        total[0] = "TOTAL";
        total[width - 2] = replay;
        total[width - 1] = skip;
        return total;
    }

    /** What the table does not show: queues left out, the plan's notes, nothing to replay, lost history. */
    static void printNotes(PrintWriter out, RewindPlan plan, ZoneId zone, String about) {
        if (!plan.untouchedQueues().isEmpty()) {
            out.println("Not moved" + about + ": " + String.join(", ", plan.untouchedQueues())
                    + " (they keep their offsets)");
        }
        plan.notes().forEach(note -> out.println("Note" + about + ": " + note));
        if (plan.nothingToReplay()) {
            out.println("Note" + about + ": " + (plan.byTime()
                    ? "the time is after every stored message; nothing will be replayed."
                    : "every target is at the end of its queue; nothing will be replayed."));
        }
        if (plan.historyTruncated()) {
            out.println("Note" + about + ": messages before " + TimeFormats.iso(plan.oldestRetainedTimestamp(), zone)
                    + " are no longer retained; " + (plan.oldestRetainedTimestamp() - plan.requestedTimestamp())
                    + " ms of the requested history are gone.");
        }
        out.flush();
    }

    /** How the plan's position reads in its heading: {@code to 2026-... (epoch ms)}, a shift, another group. */
    static String target(RewindPlan plan, ZoneId zone) {
        if (plan.byTime()) {
            return "to " + TimeFormats.iso(plan.requestedTimestamp(), zone) + " (" + plan.requestedTimestamp() + ")";
        }
        if (plan.otherGroup() != null) {
            return "to the committed offsets of group " + plan.otherGroup();
        }
        return plan.position().startsWith("shift") ? plan.position() + " messages from the committed offsets"
                : "to " + plan.position();
    }
}
