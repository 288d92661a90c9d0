package dev.backtrack.cli;

import dev.backtrack.core.time.TimeExpressionParser;
import picocli.CommandLine.Option;

/** The {@code --to TIME} option of plan and rewind. */
final class TimeOption {

    @Option(names = "--to", required = true, paramLabel = "TIME",
            description = "Replay from this time: " + TimeExpressionParser.ACCEPTED_FORMS + ".")
    String to;
}
