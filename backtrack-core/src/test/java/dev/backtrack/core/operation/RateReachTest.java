package dev.backtrack.core.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.RewindAck;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.AppliedRewind;
import dev.backtrack.core.rewind.RewindPath;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a rewind's rate reaches the group's consumers, and what the user is told when it cannot. */
class RateReachTest {

    private static final SendRate RATE = SendRate.parse("200/s");

    @Test
    void inPlaceEveryInstancePacesItselfSoNothingIsSaid() {
        assertThat(RateReach.warning(RATE, fleet(RewindPath.IN_PROCESS, List.of(), List.of()))).isEmpty();
        assertThat(RateReach.warning(SendRate.UNLIMITED, fleet(RewindPath.BROKER_RESET, List.of("c1"), List.of())))
                .isEmpty();
    }

    @Test
    void consumersWithoutTheStarterAreCountedAndEveryConsumerGoesAtFullSpeed() {
        RewindAck failed = new RewindAck("r", "c2", "app@host/2", List.of(), "it consumes in pop mode");
        RewindAck applied = new RewindAck("r", "c3", "app@host/3", List.of("broker-a/0"), null);
        assertThat(RateReach.warning(RATE, fleet(RewindPath.BROKER_RESET, List.of("c1"), List.of(failed, applied))))
                .hasValue(RateReach.ONLY_WITH_STARTER + " (200/s asked); 2 consumer(s) without it (or that could not "
                        + "rewind in place) made the rewind go through RocketMQ's broker-driven reset: every consumer "
                        + "of the group consumes the replayed range at full speed");
        assertThat(RateReach.warning(RATE, fleet(RewindPath.BROKER_RESET, List.of(), List.of())).orElseThrow())
                .contains("could not be ordered over the control topic");
        assertThat(RateReach.warning(RATE, fleet(RewindPath.OFFLINE_WRITE, List.of(), List.of())).orElseThrow())
                .contains("no consumer of the group was online");
    }

    private static FleetRewind fleet(RewindPath path, List<String> silent, List<RewindAck> acks) {
        RewindPlan plan = new RewindPlan("g", "t", 0, List.of(), 0, 0, false, null, false);
        return new FleetRewind(new AppliedRewind(plan, path, Map.of(), 0), acks, silent, "note");
    }
}
