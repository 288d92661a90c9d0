package dev.backtrack.console.cluster;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.control.FleetRewinder;
import java.util.Optional;

/** Lends the console the application's fleet rewinder (its control channel), when it has one. */
@FunctionalInterface
public interface ApplicationFleet {

    /** The application's rewinder working through {@code admin}, or empty. */
    Optional<FleetRewinder> rewinder(RocketMqAdmin admin);
}
