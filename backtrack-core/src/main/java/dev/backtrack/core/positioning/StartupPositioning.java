package dev.backtrack.core.positioning;

/** Which consumer groups a configured start time applies to. */
public enum StartupPositioning {
    /** Each (group, topic, time expression) is applied once, for new groups and groups with stored offsets alike. */
    ONCE,
    /** RocketMQ's own rule: only a group with no stored offset on the topic is positioned, to the millisecond. */
    NATIVE
}
