package dev.backtrack.core.redrive;

import dev.backtrack.core.replay.WindowPlan;
import java.util.List;
import java.util.Map;

/**
 * What a redrive would send back to the group: its dead letters stored in the window that the selection takes,
 * counted by original topic and tag, with the first few to look at. Planning changes nothing.
 *
 * @param window the window of the dead-letter topic, per queue (what is sent and how it is recorded)
 * @param byTopicAndTag how many would be sent, by original topic, then by tag ("" for none), both sorted
 * @param first the first few, in queue order
 */
public record RedrivePlan(WindowPlan window, Map<String, Map<String, Long>> byTopicAndTag, List<DeadLetter> first) {

    /** The group the dead letters go back to. */
    public String group() {
        return window.window().group();
    }

    /** How many dead letters would be sent. */
    public long matching() {
        return window.matching();
    }

    /** Dead letters of the window that the selection leaves out. */
    public long filteredOut() {
        return window.filteredOut();
    }
}
