package dev.backtrack.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --follow} and {@code --follow-timeout}: follow the replay a rewind started until it is over. */
final class FollowOptions {

    @Option(names = "--follow", description = "After the rewind, show the replay's progress every second until the "
            + "group is back where it was (Ctrl-C stops following, not the replay).")
    boolean follow;

    @Option(names = "--follow-timeout", defaultValue = "10m", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop following after this long, with exit code 1 (default: ${DEFAULT-VALUE}).")
    Duration timeout;
}
