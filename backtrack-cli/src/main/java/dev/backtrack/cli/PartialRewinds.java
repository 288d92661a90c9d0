package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import java.io.PrintWriter;
import java.util.Map;

/** The CLI's side of the broker-coverage check: which brokers of the topic a plan misses, and how to say so. */
final class PartialRewinds {

    /** The option that accepts a partial rewind. */
    static final String ALLOW_PARTIAL = "--allow-partial";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartialRewinds() {
    }

    /** Prints the warning under a plan table when brokers are missing. */
    static void printWarning(PrintWriter out, RewindPlan plan, BrokerCoverage coverage) {
        if (!coverage.complete()) {
            out.println("WARNING: " + coverage.describe(plan, ALLOW_PARTIAL));
            out.flush();
        }
    }

    /** The plan as a JSON tree with {@code complete} and {@code missingBrokers} added. */
    static ObjectNode planDocument(RewindPlan plan, BrokerCoverage coverage) {
        ObjectNode document = JSON.valueToTree(plan);
        document.put("complete", coverage.complete());
        document.set("missingBrokers", JSON.valueToTree(coverage.missingBrokers()));
        return document;
    }

    /** One line per moved queue: "broker-a/0 5 -> 0 (read back 0)". */
    static void printMoves(PrintWriter out, RewindPlan plan, Map<String, Long> verified) {
        for (QueueRewind q : plan.queues()) {
            String key = q.broker() + "/" + q.queueId();
            out.println("  moved " + key + " " + (q.committedOffset() == null ? "none" : q.committedOffset()) + " -> "
                    + q.targetOffset() + " (read back " + verified.get(key) + ")");
        }
    }
}
