package dev.backtrack.cli;

import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.time.TimeFormats;
import java.io.PrintWriter;
import java.time.ZoneId;

/** Prints a rewind plan as an aligned table with totals. */
final class PlanView {

    private PlanView() {
    }

    static void print(PrintWriter out, RewindPlan plan, ZoneId zone) {
        out.println("Rewind plan: group " + plan.group() + ", topic " + plan.topic() + ", to "
                + TimeFormats.iso(plan.requestedTimestamp(), zone) + " (" + plan.requestedTimestamp() + ")");
        TablePrinter table = new TablePrinter("BROKER", "QUEUE", "COMMITTED", "TARGET", "MIN", "MAX",
                "TARGET STORE TIME", "REPLAY", "SKIP");
        for (QueueRewind q : plan.queues()) {
            table.row(q.broker(), q.queueId(), q.committedOffset(), q.targetOffset(), q.minOffset(), q.maxOffset(),
                    q.targetStoreTimestamp() == null ? null : TimeFormats.iso(q.targetStoreTimestamp(), zone),
                    q.messagesToReplay(), q.messagesToSkip());
        }
        table.row("TOTAL", null, null, null, null, null, null, plan.messagesToReplay(), plan.messagesToSkip());
        table.print(out);
        if (plan.nothingToReplay()) {
            out.println("Note: the time is after every stored message; nothing will be replayed.");
        }
        if (plan.historyTruncated()) {
            out.println("Note: messages before " + TimeFormats.iso(plan.oldestRetainedTimestamp(), zone)
                    + " are no longer retained; " + (plan.oldestRetainedTimestamp() - plan.requestedTimestamp())
                    + " ms of the requested history are gone.");
        }
        out.flush();
    }
}
