package dev.backtrack.core.operation;

import java.util.List;
import java.util.stream.Stream;

/**
 * The plan of a batch rewind: the checked plan of every (group, topic) pair that can move, and the pairs that would be
 * refused with why. Nothing moved to make it.
 *
 * @param request what was asked
 * @param planned the pairs that can move, by group then topic
 * @param refused the pairs that would be refused, by group then topic; a batch with any is refused as a whole unless
 *     the request skips them
 */
public record BatchPlan(BatchRewindRequest request, List<CheckedPlan> planned, List<RefusedPair> refused) {

    /** Copies the lists. */
    public BatchPlan {
        planned = List.copyOf(planned);
        refused = List.copyOf(refused);
    }

    /** The groups that move, in plan order, each once. */
    public List<String> groups() {
        return planned.stream().map(p -> p.plan().group()).distinct().toList();
    }

    /** The topics that move, in plan order, each once. */
    public List<String> topics() {
        return planned.stream().map(p -> p.plan().topic()).distinct().sorted().toList();
    }

    /** How many queues move, over every pair. */
    public int queues() {
        return planned.stream().mapToInt(p -> p.plan().queues().size()).sum();
    }

    /** How many messages the groups will consume again, over every pair. */
    public long messagesToReplay() {
        return planned.stream().mapToLong(p -> p.plan().messagesToReplay()).sum();
    }

    /** Whether some pair would miss brokers that held queues of its topic. */
    public boolean partial() {
        return planned.stream().anyMatch(p -> !p.coverage().complete());
    }

    /** This plan with {@code more} refused pairs left out of the planned ones. */
    BatchPlan refusing(List<RefusedPair> more) {
        return new BatchPlan(request, planned.stream().filter(p -> more.stream().noneMatch(r -> r.group().equals(
                p.plan().group()) && r.topic().equals(p.plan().topic()))).toList(),
                Stream.concat(refused.stream(), more.stream()).toList());
    }
}
