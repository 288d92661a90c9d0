package dev.backtrack.core.operation;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.RewindPath;
import java.util.Optional;

/**
 * Whether a rewind's rate reached the group's consumers. Only instances with the Backtrack starter that repositioned
 * their queues in place can pace what they consume again; a rewind written on the brokers while the group was offline,
 * or applied by RocketMQ's broker-driven reset, proceeds and the consumers consume the replayed range at full speed.
 */
final class RateReach {

    /** How every warning about a rate that could not apply begins. */
    static final String ONLY_WITH_STARTER = "the rate applies only to instances with the Backtrack starter";

    private RateReach() {
    }

    /** What the user must know when {@code rate} could not apply to how the rewind was applied; empty when it did. */
    static Optional<String> warning(SendRate rate, FleetRewind outcome) {
        RewindPath path = outcome.applied().path();
        if (!rate.limited() || path == RewindPath.IN_PROCESS) {
            return Optional.empty();
        }
        if (path == RewindPath.OFFLINE_WRITE) {
            return Optional.of(ONLY_WITH_STARTER + " that are running when rewound; no consumer of the group was "
                    + "online, so the consumers that start consume the replayed range at full speed");
        }
        long without = outcome.silentClients().size()
                + outcome.acknowledgements().stream().filter(a -> a.error() != null).count();
        String who = without == 0 ? "the group's consumers could not be ordered over the control topic"
                : without + " consumer(s) without it (or that could not rewind in place) made the rewind go through "
                        + "RocketMQ's broker-driven reset";
        return Optional.of(ONLY_WITH_STARTER + " (" + rate.describe() + " asked); " + who
                + ": every consumer of the group consumes the replayed range at full speed");
    }
}
