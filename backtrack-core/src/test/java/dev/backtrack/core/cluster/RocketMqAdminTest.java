package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A name server that does not answer is named in the error, within the settings' timeout, not after a long hang. */
class RocketMqAdminTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @Test
    void anUnreachableNameServerIsNamedWithinSeconds() {
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(NOWHERE))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new RewindPlanner(admin).plan("g", "t", 0))
                    .isInstanceOf(RewindException.class)
                    .hasMessageStartingWith("Cannot read the route of topic 't': name server " + NOWHERE
                            + " does not answer (cannot connect");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

            assertThatThrownBy(admin::requireReachable)
                    .hasMessageStartingWith("Cannot read the cluster: name server " + NOWHERE + " does not answer");
            assertThatThrownBy(() -> new RewindApplier(admin).apply(new RewindPlan("g", "t", 0, List.of(),
                    0, 0, false, null, true)))
                    .hasMessageContaining("name server " + NOWHERE + " does not answer");
        }
    }
}
