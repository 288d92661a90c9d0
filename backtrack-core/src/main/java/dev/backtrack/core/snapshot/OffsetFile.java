package dev.backtrack.core.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An offsets file as parsed: its rows, each checked for form, none repeated.
 *
 * @param source where it was read from, as errors and the journal name it (e.g. a file name)
 * @param rows its rows, in file order
 */
public record OffsetFile(String source, List<OffsetRow> rows) {

    /** Copies {@code rows}. */
    public OffsetFile {
        rows = List.copyOf(rows);
    }

    /** The rows by topic, topics in the order they first appear. */
    public Map<String, List<OffsetRow>> byTopic() {
        Map<String, List<OffsetRow>> topics = new LinkedHashMap<>();
        rows.forEach(row -> topics.computeIfAbsent(row.topic(), t -> new java.util.ArrayList<>()).add(row));
        topics.replaceAll((topic, list) -> List.copyOf(list));
        return topics;
    }
}
