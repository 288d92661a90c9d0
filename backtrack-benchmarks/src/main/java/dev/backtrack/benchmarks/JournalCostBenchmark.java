package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The cost of a rewind's plan (its coverage check included) as the journal grows from 10 to 100,000 entries, and,
 * beside it, the cost of reading the whole journal, which is what the plan did before it looked its entries up in the
 * broker's index. One embedded broker; each size has a journal topic of its own, filled with entries of other groups
 * and topics and one of the planned group, written first, so that the look-up must reach past every other entry.
 */
public final class JournalCostBenchmark {

    private static final String TOPIC = "bench-journal-orders";
    private static final String GROUP = "bench-journal-group";
    private static final int QUEUES = 4;

    private JournalCostBenchmark() {
    }

    /** Runs with {@code [entries ...]}, default 10 10000 100000. */
    static List<SummaryRow> run(String[] args) throws Exception {
        return run(CostBySize.sizes("journal-cost", "journal entries", args,
                List.of(10, 10_000, 100_000)), 10, System.out);
    }

    private static List<SummaryRow> run(List<Integer> sizes, int plans, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-journal-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).autoCreateTopics(false).build()).start()) {
            mq.createTopic(TOPIC, QUEUES);
            long middle = new TopicFiller(mq.nameServerAddress(), 100).fill(TOPIC, QUEUES, 100,
                    sequence -> ("m-" + sequence).getBytes(StandardCharsets.UTF_8));
            List<KeptClusterSession> sessions = new ArrayList<>();
            try {
                for (int size : sizes) {
                    KeptClusterSession session = new KeptClusterSession(() -> AdminSettings.of(mq.nameServerAddress()),
                            "BENCH_JOURNAL_" + size, null, admin -> Optional.empty());
                    sessions.add(session);
                    session.record(entry(GROUP, TOPIC)); // creates the journal's topic, as the first rewind does
                    fill(session.journal(), size);
                }
                PositionRequest position = new PositionRequest.AtTime(middle, Long.toString(middle));
                List<long[]> planned = CostBySize.measure(sizes, plans, s -> new RewindOperation(sessions.get(s),
                        OperationObserver.NONE).plan(GROUP, TOPIC, position, Set.of()));
                CostBySize.print(out, "Rewind plan over " + QUEUES + " queues with its coverage check, time per plan ("
                        + plans * 5 + " plans per journal size, sizes interleaved, after a warm-up round)", "entries",
                        planned);
                List<long[]> read = CostBySize.measure(sizes, 2, s -> sessions.get(s).journalEntries());
                CostBySize.print(out, "Reading the whole journal (the plan's cost before the index look-up; 10 reads "
                        + "per size)", "entries", read);
                long[] first = planned.get(0);
                long[] last = planned.get(planned.size() - 1);
                double ratio = last[1] / (double) first[1];
                double readRatio = read.get(read.size() - 1)[1] / (double) read.get(0)[1];
                out.printf("plan ratio %d : %d entries = %.2f; whole-journal read ratio = %.1f%n", last[0], first[0],
                        ratio, readRatio);
                return List.of(new SummaryRow("journal-cost", String.format("us per plan, %,d vs %,d journal entries",
                        last[0], first[0]), Long.toString(last[1]), Long.toString(first[1]),
                        String.format("%.2f (whole-journal read: %.1f)", ratio, readRatio)));
            } finally {
                sessions.forEach(KeptClusterSession::close);
            }
        }
    }

    /** After the planned group's entry, {@code size - 1} entries of other groups and topics, side by side. */
    private static void fill(RewindJournal journal, int size) {
        IntStream.range(1, size).parallel().forEach(i -> journal.append(entry("other-" + (i % 500),
                "topic-" + (i % 50))));
    }

    private static JournalEntry entry(String group, String topic) {
        List<QueueMove> moves = IntStream.range(0, QUEUES).mapToObj(q -> new QueueMove("broker-a", q, 100L, 0))
                .toList();
        return new JournalEntry(JournalKind.REWIND, group, topic, "-1h", 0, System.currentTimeMillis(), "bench", 0,
                moves);
    }
}
