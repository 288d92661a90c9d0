package dev.backtrack.core.replay;

/**
 * The group a window is replayed to: its tag filter for the topic, and whether it came from the group's consumers
 * online or from the user (the group being offline), and the name of the input the user gave it in.
 */
public record ReplayTarget(TagFilter filter, boolean online, String input) {

    /** Where the filter came from, for output. */
    public String filterSource() {
        return online ? "the subscription of the group's consumers online" : input + " (the group is offline)";
    }
}
