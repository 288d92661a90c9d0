package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journal's record of position changes, window replays and redrives, newest first ({@code GET /api/history}); the
 * entries of a run say where it stood with each, and its latest whether it may be resumed.
 */
@RestController
public class HistoryController {

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;

    /** Reads the journal of {@code cluster}. */
    public HistoryController(ConsoleCluster cluster, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.inputs = inputs;
    }

    /** The entries of {@code group} and {@code topic} when given (each optional), newest first. */
    @GetMapping(Api.BASE + "/history")
    public List<JournalViews.HistoryRow> history(@RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String topic) {
        String onlyGroup = inputs.optionalGroup(group);
        String onlyTopic = topic == null || topic.isBlank() ? null : inputs.topic(topic);
        JournalHistory history = JournalHistory.of(cluster.journalEntries());
        List<JournalEntry> journal = history.oldestFirst();
        Map<String, JournalEntry> latestOfRuns = new HashMap<>(); // in the journal's order, as core reads a run
        journal.stream().filter(e -> e.run() != null).forEach(e -> latestOfRuns.put(e.run().id(), e));
        List<JournalEntry> entries = new ArrayList<>(journal);
        Collections.reverse(entries); // so that the stable sort keeps the journal's order among equal times
        entries.sort(Comparator.comparingLong(JournalEntry::appliedAt).reversed());
        List<JournalViews.HistoryRow> rows = new ArrayList<>();
        for (JournalEntry e : entries) {
            boolean shown = (onlyGroup == null || e.group().equals(onlyGroup))
                    && (onlyTopic == null || e.topic().equals(onlyTopic));
            if (shown) {
                rows.add(JournalViews.row(e, e.id() == null ? null : history.undoneBy(e.id()).orElse(null),
                        e.run() != null && latestOfRuns.get(e.run().id()) == e));
            }
        }
        return rows;
    }
}
