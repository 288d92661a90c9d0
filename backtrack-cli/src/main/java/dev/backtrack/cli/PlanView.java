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
        boolean other = plan.otherGroup() != null;
        List<String> headers = new ArrayList<>(List.of("BROKER", "QUEUE", "COMMITTED"));
        if (other) {
            headers.add(plan.otherGroup() + " COMMITTED");
        }
        if (!plan.byTime()) {
            headers.add("REQUESTED");
        }
        headers.addAll(List.of("TARGET", "MIN", "MAX", "TARGET STORE TIME", "REPLAY", "SKIP"));
        TablePrinter table = new TablePrinter(headers.toArray(String[]::new));
        for (QueueRewind q : plan.queues()) {
            List<Object> row = new ArrayList<>(List.of(q.broker(), q.queueId()));
            row.add(q.committedOffset());
            if (other) {
                row.add(q.otherGroupOffset());
            }
            if (!plan.byTime()) {
                row.add(q.requestedOffset());
            }
            row.addAll(List.of(q.targetOffset(), q.minOffset(), q.maxOffset()));
            row.add(q.targetStoreTimestamp() == null ? null : TimeFormats.iso(q.targetStoreTimestamp(), zone));
            row.addAll(List.of(q.messagesToReplay(), q.messagesToSkip()));
            table.row(row.toArray());
        }
        Object[] total = new Object[headers.size()];
        total[0] = "TOTAL";
        total[headers.size() - 2] = plan.messagesToReplay();
        total[headers.size() - 1] = plan.messagesToSkip();
        table.row(total);
        table.print(out);
        if (!plan.untouchedQueues().isEmpty()) {
            out.println("Not moved: " + String.join(", ", plan.untouchedQueues()) + " (they keep their offsets)");
        }
        plan.notes().forEach(note -> out.println("Note: " + note));
        if (plan.nothingToReplay()) {
            out.println(plan.byTime() ? "Note: the time is after every stored message; nothing will be replayed."
                    : "Note: every target is at the end of its queue; nothing will be replayed.");
        }
        if (plan.historyTruncated()) {
            out.println("Note: messages before " + TimeFormats.iso(plan.oldestRetainedTimestamp(), zone)
                    + " are no longer retained; " + (plan.oldestRetainedTimestamp() - plan.requestedTimestamp())
                    + " ms of the requested history are gone.");
        }
        out.flush();
    }

    private static String target(RewindPlan plan, ZoneId zone) {
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
