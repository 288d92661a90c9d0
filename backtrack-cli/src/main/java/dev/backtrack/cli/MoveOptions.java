package dev.backtrack.cli;

import dev.backtrack.core.control.ControlChannel;
import dev.backtrack.core.journal.RewindJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of commands that move a group's offsets ({@code rewind}, {@code undo}), and their confirmation. */
final class MoveOptions {

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of rewinds (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Option(names = "--control-topic", defaultValue = ControlChannel.DEFAULT_TOPIC,
            description = "Topic that carries rewind orders to applications running the starter (default: ${DEFAULT-VALUE}).")
    String controlTopic;

    @Option(names = "--ack-timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for every online consumer to acknowledge an in-place rewind before "
                    + "falling back to RocketMQ's broker-driven reset (default: ${DEFAULT-VALUE}).")
    Duration ackTimeout;

    /** True with --yes; otherwise asks {@code question} followed by {@code [y/N]} and reads y or yes. */
    boolean confirmed(PrintWriter err, BufferedReader input, String question) throws IOException {
        if (yes) {
            return true;
        }
        return Confirmation.asked(err, input, question);
    }
}
