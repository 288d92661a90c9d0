package dev.backtrack.core.operation;

import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.text.BadValues;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a rewind request sent as JSON (the endpoint's and the console's, which use the same names):
 * the one position, the queues, and the switches; a wrong value fails with an {@link IllegalArgumentException} that
 * says what was wrong and what is accepted.
 */
public final class RequestFields {

    /** How a JSON request accepts a partial rewind. */
    public static final String ALLOW_PARTIAL = "\"allowPartial\": true";
    private static final String OTHER_POSITIONS = "'toOffset' (one offset for every queue, e.g. \"5\", or "
            + "\"broker-a/0=5,broker-b/1=7\"), 'shiftBy' (\"-N\" back or \"+N\" forward from the committed offsets) or "
            + "'toGroupOf' (another consumer group, whose committed offsets are taken)";

    private RequestFields() {
    }

    /** The one position of the request: a time ({@code to}), offsets, a shift or another group. */
    public static PositionRequest position(@Nullable String to, @Nullable String toOffset, @Nullable String shiftBy,
            @Nullable String toGroupOf, TimeExpressionParser parser) {
        Map<String, @Nullable String> given = new TreeMap<>();
        given.put("to", to);
        given.put("toOffset", toOffset);
        given.put("shiftBy", shiftBy);
        given.put("toGroupOf", toGroupOf);
        given.values().removeIf(value -> value == null || value.isBlank());
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Field 'to' is missing; accepted: " + TimeExpressionParser.ACCEPTED_FORMS
                    + ". Or, instead of 'to', one of: " + OTHER_POSITIONS);
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("Fields " + String.join(", ", given.keySet().stream()
                    .map(f -> "'" + f + "'").toList()) + " were given together; accepted: exactly one of 'to' (a "
                    + "time), " + OTHER_POSITIONS);
        }
        Map.Entry<String, @Nullable String> one = given.entrySet().iterator().next();
        String value = String.valueOf(one.getValue());
        return switch (one.getKey()) {
            case "to" -> new PositionRequest.AtTime(parser.toEpochMillis(value), value.strip());
            case "toOffset" -> PositionRequest.offsets(value, "Field 'toOffset'");
            case "shiftBy" -> PositionRequest.shift(value, "Field 'shiftBy'");
            default -> PositionRequest.groupOf(value, "Field 'toGroupOf'");
        };
    }

    /** The queues named in {@code queues} ({@code broker-a/0,broker-b/1}); empty (every queue) when absent. */
    public static Set<QueueRef> queues(@Nullable String queues) {
        return queues == null || queues.isBlank() ? Set.of() : QueueRef.parseAll(List.of(queues), "Field 'queues'");
    }

    /** Whether the user accepts a rewind that misses brokers which held queues of the topic (default false). */
    public static boolean allowPartial(@Nullable String allowPartial) {
        return flag(allowPartial, "allowPartial", false, "rewind what can be reached",
                "refuse when brokers that held queues of the topic are missing");
    }

    /** A dry run unless {@code dryRun} is false: moving offsets is never a guess. */
    public static boolean dryRun(@Nullable String dryRun) {
        return flag(dryRun, "dryRun", true, "only show the plan", "rewind");
    }

    /**
     * A true/false field of a request: {@code fallback} when absent or blank, else {@code true} or {@code false}
     * (any case). Any other value fails with a message that names the field, the value, and what each of the two
     * does, the default first.
     *
     * @param field the field's name as the user typed it
     * @param whenTrue what {@code true} does, in a few words
     * @param whenFalse what {@code false} does, in a few words
     */
    public static boolean flag(@Nullable String value, String field, boolean fallback, String whenTrue,
            String whenFalse) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String given = value.strip();
        if (given.equalsIgnoreCase("true") || given.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(given);
        }
        String defaultChoice = fallback + " (the default: " + (fallback ? whenTrue : whenFalse) + ")";
        String otherChoice = !fallback + " (" + (fallback ? whenFalse : whenTrue) + ")";
        throw new IllegalArgumentException("Field '" + field + "' is " + BadValues.quote(value) + "; accepted: "
                + defaultChoice + " or " + otherChoice);
    }
}
