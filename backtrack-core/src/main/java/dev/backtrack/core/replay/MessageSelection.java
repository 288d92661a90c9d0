package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.jspecify.annotations.Nullable;

/**
 * Which messages of a window an operation takes: those whose tag the tag expression accepts, that carry at least one
 * of the given keys (when keys are given), and that the SQL92 filter selects (when one is given).
 */
public final class MessageSelection {

    /** Every message. */
    public static final MessageSelection ALL = new MessageSelection(TagFilter.of("*"), Set.of(), null);

    private final TagFilter tags;
    private final Set<String> keys;
    private final @Nullable Sql92Filter sql;

    private MessageSelection(TagFilter tags, Set<String> keys, @Nullable Sql92Filter sql) {
        this.tags = tags;
        this.keys = keys;
        this.sql = sql;
    }

    /**
     * The selection of {@code tags} (null: every tag), {@code keys} as typed, joined by commas (null or blank: any
     * key), and {@code sql} (null or blank: no SQL92 filter); each wrong value fails with what is accepted.
     */
    public static MessageSelection of(@Nullable String tags, @Nullable String keys, @Nullable String sql) {
        return new MessageSelection(TagFilter.of(tags == null ? "*" : tags), keys(keys),
                sql == null || sql.isBlank() ? null : Sql92Filter.of(sql));
    }

    private static Set<String> keys(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return Set.of();
        }
        List<String> keys = Arrays.stream(typed.split(",", -1)).map(String::strip).toList();
        if (keys.stream().anyMatch(k -> k.isEmpty() || k.contains(MessageConst.KEY_SEPARATOR))) {
            throw new InvalidRewindInputException("Keys " + BadValues.quote(typed) + " are not accepted; accepted: "
                    + "message keys joined by ',' (e.g. order-1,order-2), none empty and none with a space (RocketMQ "
                    + "separates a message's keys with spaces)");
        }
        return Set.copyOf(new LinkedHashSet<>(keys));
    }

    /** Whether the selection takes {@code message}. */
    public boolean matches(MessageExt message) {
        if (!tags.matches(message.getTags())) {
            return false;
        }
        if (!keys.isEmpty() && !carriesAKey(message.getKeys())) {
            return false;
        }
        return sql == null || sql.matches(message.getProperties());
    }

    private boolean carriesAKey(@Nullable String messageKeys) {
        if (messageKeys == null) {
            return false;
        }
        return Arrays.stream(messageKeys.split(MessageConst.KEY_SEPARATOR)).anyMatch(keys::contains);
    }

    /** The tag expression. */
    public TagFilter tags() {
        return tags;
    }

    /** The keys asked for, sorted; empty for any key. */
    public List<String> keys() {
        return keys.stream().sorted().toList();
    }

    /** The SQL92 filter, or null. */
    public @Nullable Sql92Filter sql() {
        return sql;
    }

    /** As the journal and the front ends show it, e.g. "tags paid, keys [order-1], filter region = 'eu'". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("tags " + tags.expression());
        if (!keys.isEmpty()) {
            parts.add("keys " + keys());
        }
        if (sql != null) {
            parts.add("filter " + sql.text());
        }
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }
}
