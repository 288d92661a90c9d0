package dev.backtrack.core.redrive;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.peek.PeekedMessage;
import dev.backtrack.core.replay.DeadLetters;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.core.replay.ReplayTarget;
import dev.backtrack.core.replay.ReplayTargetReader;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans a redrive: reads the group's dead-letter topic in the window, on every queue of every broker, and counts the
 * dead letters the selection takes by the topic they were published to and their tag, keeping the first few to look
 * at. Changes nothing.
 */
public final class RedrivePlanner {

    /** How many dead letters a plan shows unless asked for another number. */
    public static final int SHOWN = 5;
    private static final int BODY_BYTES = 512;

    private final RocketMqAdmin admin;

    /** A planner on the cluster of {@code admin}. */
    public RedrivePlanner(RocketMqAdmin admin) {
        this.admin = admin;
    }

    /**
     * The plan for sending the group's dead letters stored in [{@code from}, {@code until}) that {@code selection}
     * takes back to it; {@code filterInput} names the selection's input in messages (e.g. "--tags").
     */
    public RedrivePlan plan(String group, long from, long until, MessageSelection selection, String filterInput) {
        return plan(group, from, until, selection, filterInput, SHOWN);
    }

    /** As {@link #plan(String, long, long, MessageSelection, String)}, showing the first {@code shown}. */
    public RedrivePlan plan(String group, long from, long until, MessageSelection selection, String filterInput,
            int shown) {
        ReplayWindow window = new ReplayWindow(group, DeadLetters.topicOf(group), from, until);
        List<QueueAddress> queues;
        try {
            queues = admin.queues(window.topic());
        } catch (UnknownTopicException e) {
            throw new InvalidRewindInputException("Group '" + group + "' has no dead letters: its dead-letter topic "
                    + window.topic() + " does not exist on name server " + admin.settings().nameServer()
                    + " (RocketMQ creates it when the first message of the group runs out of retries)");
        }
        ReplayTarget target = new ReplayTargetReader(admin, admin).readForRedrive(group, filterInput);
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        List<DeadLetter> first = new ArrayList<>();
        WindowPlan plan = new WindowPlanner(admin).plan(window, target, queues, selection, message -> {
            String topic = DeadLetters.originalTopic(message);
            counts.computeIfAbsent(topic, t -> new TreeMap<>())
                    .merge(message.getTags() == null ? "" : message.getTags(), 1L, Long::sum);
            if (first.size() < shown) {
                first.add(new DeadLetter(topic, message.getReconsumeTimes(), PeekedMessage.of(message, BODY_BYTES)));
            }
        });
        return new RedrivePlan(plan, counts, List.copyOf(first));
    }
}
