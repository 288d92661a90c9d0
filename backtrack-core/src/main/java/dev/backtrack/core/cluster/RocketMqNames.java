package dev.backtrack.core.cluster;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;
import java.util.regex.Pattern;

/** Checks consumer-group and topic names against RocketMQ's rules before anything is sent. */
public final class RocketMqNames {

    private static final Pattern VALID = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final int MAX_TOPIC = 127;
    private static final int MAX_GROUP = 255;

    private RocketMqNames() {
    }

    /** The group name, if valid; otherwise an error saying what is accepted. */
    public static String requireGroup(String group) {
        return require("Consumer group", group, MAX_GROUP);
    }

    /** The topic name, if valid; otherwise an error saying what is accepted. */
    public static String requireTopic(String topic) {
        return require("Topic", topic, MAX_TOPIC);
    }

    private static String require(String what, String name, int maxLength) {
        String accepted = "accepted: 1 to " + maxLength + " characters from letters, digits, '_', '-', '%' and '|'";
        if (name == null || name.isBlank()) {
            throw new InvalidRewindInputException(what + " name is empty; " + accepted);
        }
        if (name.length() > maxLength) {
            throw new InvalidRewindInputException(what + " name " + BadValues.quote(name) + " is " + name.length() + " characters long; " + accepted);
        }
        if (!VALID.matcher(name).matches()) {
            throw new InvalidRewindInputException(what + " name " + BadValues.quote(name) + " has characters RocketMQ rejects; " + accepted);
        }
        return name;
    }
}
