package dev.backtrack.core.snapshot;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.text.BadValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The offsets file: {@value #HEADER} as its first line, then one row per queue, e.g. {@code orders,broker-a,0,42}.
 * Parsing checks every line before returning and fails once, listing every wrong line by number with what is wrong
 * and what is accepted.
 */
public final class OffsetsCsv {

    /** The header line. */
    public static final String HEADER = "topic,broker,queue,offset";
    /** The accepted form of a row, for error messages. */
    public static final String ROW_FORM = "TOPIC,BROKER,QUEUE_ID,OFFSET with a queue id and an offset that are whole "
            + "numbers, 0 or more (e.g. orders,broker-a,0,42), after the header line '" + HEADER + "'";

    private static final int MAX_PROBLEMS_SHOWN = 20;
    private static final Pattern BROKER = Pattern.compile("[%|a-zA-Z0-9_.-]+");
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,18}");

    private OffsetsCsv() {
    }

    /** The file of {@code offsets}: the header, then a row per queue holding an offset, by topic then queue. */
    public static String write(GroupOffsets offsets) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        offsets.offsets().forEach((topic, queues) -> queues.forEach((queue, offset) -> text.append(topic).append(',')
                .append(queue.broker()).append(',').append(queue.queueId()).append(',').append(offset).append('\n')));
        return text.toString();
    }

    /**
     * The rows of {@code text} read from {@code source}; fails naming every line that is malformed or repeats a queue,
     * a missing or wrong header, and a file without rows. Blank lines are skipped.
     */
    public static OffsetFile parse(String text, String source) {
        String[] lines = text.split("\r?\n", -1);
        if (text.isBlank()) {
            throw new InvalidRewindInputException("Offsets file " + source + " is empty; nothing was changed. "
                    + "Accepted: " + ROW_FORM);
        }
        List<String> problems = new ArrayList<>();
        int first = 0;
        while (lines[first].isBlank()) {
            first++;
        }
        if (!lines[first].strip().replace(" ", "").equalsIgnoreCase(HEADER)) {
            problems.add("line " + (first + 1) + ": the header is " + BadValues.quote(lines[first].strip())
                    + "; accepted: exactly '" + HEADER + "'");
        }
        List<OffsetRow> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = first + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int number = i + 1;
            OffsetRow row = row(lines[i], number, problems);
            if (row != null) {
                Integer before = seen.putIfAbsent(row.topic() + " " + row.queue(), number);
                if (before != null) {
                    problems.add("line " + number + ": topic " + row.topic() + " queue " + row.queue() + " is "
                            + "already on line " + before + "; accepted: one row per queue");
                } else {
                    rows.add(row);
                }
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("no rows after the header; accepted: one row per queue, " + ROW_FORM);
        }
        requireNone(source, problems);
        return new OffsetFile(source, rows);
    }

    /** Fails, when there are problems, listing them (the first {@value #MAX_PROBLEMS_SHOWN}) for {@code source}. */
    static void requireNone(String source, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> shown = problems.stream().limit(MAX_PROBLEMS_SHOWN).toList();
        throw new InvalidRewindInputException("Offsets file " + source + ": " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "; nothing was changed.\n  "
                + String.join("\n  ", shown) + (problems.size() > shown.size()
                        ? "\n  ... and " + (problems.size() - shown.size()) + " more" : ""));
    }

    private static @Nullable OffsetRow row(String line, int number, List<String> problems) {
        String[] fields = line.split(",", -1);
        if (fields.length != 4) {
            problems.add("line " + number + ": " + BadValues.quote(line.strip()) + " has " + fields.length
                    + (fields.length == 1 ? " field" : " fields") + ", not 4; accepted: " + ROW_FORM);
            return null;
        }
        String topic = fields[0].strip();
        String broker = fields[1].strip();
        String queue = fields[2].strip();
        String offset = fields[3].strip();
        List<String> wrong = new ArrayList<>();
        try {
            RocketMqNames.requireTopic(topic);
        } catch (InvalidRewindInputException e) {
            wrong.add("topic " + BadValues.quote(topic) + " is not a topic name");
        }
        if (!BROKER.matcher(broker).matches()) {
            wrong.add("broker " + BadValues.quote(broker) + " is not a broker name");
        }
        if (!WHOLE.matcher(queue).matches() || queue.length() > 9) {
            wrong.add("queue " + BadValues.quote(queue) + " is not a queue id");
        }
        if (!WHOLE.matcher(offset).matches()) {
            wrong.add("offset " + BadValues.quote(offset) + " is not an offset");
        }
        if (!wrong.isEmpty()) {
            problems.add("line " + number + ": " + String.join(", ", wrong) + "; accepted: " + ROW_FORM);
            return null;
        }
        return new OffsetRow(number, topic, new QueueRef(broker, Integer.parseInt(queue)), Long.parseLong(offset));
    }
}
