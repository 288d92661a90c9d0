package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A RocketMQ tag expression ({@code *}, {@code a}, {@code a || b}) applied as a push consumer applies it: with
 * {@code *} every message matches; otherwise a message matches when it has one of the tags (untagged ones never).
 */
public final class TagFilter {

    private final String expression;
    private final Set<String> tags;

    private TagFilter(String expression, Set<String> tags) {
        this.expression = expression;
        this.tags = tags;
    }

    /** The filter for a tag expression; fails clearly for a blank or SQL-looking one. */
    public static TagFilter of(String expression) {
        String trimmed = expression.strip();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return new TagFilter("*", Set.of());
        }
        Set<String> tags = Arrays.stream(trimmed.split("\\|\\|", -1)).map(String::strip).collect(Collectors.toSet());
        if (tags.contains("") || tags.stream().anyMatch(t -> t.contains(" ") || t.contains("*") || t.contains("|"))) {
            throw new InvalidRewindInputException("Tag expression " + BadValues.quote(expression) + " is not "
                    + "accepted; accepted: '*' (every message), a tag ('created'), or tags joined by '||' "
                    + "('created || paid')");
        }
        return new TagFilter(String.join(" || ", tags.stream().sorted().toList()), Set.copyOf(tags));
    }

    /** Whether a message with these tags (null when it has none) matches. */
    public boolean matches(@Nullable String messageTags) {
        return tags.isEmpty() || messageTags != null && tags.contains(messageTags);
    }

    /** Whether this filter lets every message through. */
    public boolean matchesAll() {
        return tags.isEmpty();
    }

    /** The expression, normalised (tags sorted, '*' for all). */
    public String expression() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagFilter filter && filter.tags.equals(tags);
    }

    @Override
    public int hashCode() {
        return tags.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
