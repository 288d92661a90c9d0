package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Only the subcommand a run names is built; help, a version and a misspelling still see all of them. */
class BacktrackCliSubcommandsTest {

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        for (Class<?> subcommand : BacktrackCli.SUBCOMMANDS) {
            String name = subcommand.getAnnotation(Command.class).name();
            assertThat(BacktrackCli.subcommandsFor(new String[] {name, "--help"})).containsExactly(subcommand);
        }
    }

    @Test
    void helpAVersionOrAMisspellingSeeEverySubcommand() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-V"},
                new String[] {"pla", "-g", "g"}, new String[] {"-g", "plan"})) {
            assertThat(BacktrackCli.subcommandsFor(args)).isEqualTo(BacktrackCli.SUBCOMMANDS);
        }
        CliRun help = CliRun.of(List.of("--help"), "", Map.of());
        assertThat(help.exit()).isZero();
        for (Class<?> subcommand : BacktrackCli.SUBCOMMANDS) {
            assertThat(help.out()).containsPattern("(?m)^  " + subcommand.getAnnotation(Command.class).name() + " ");
        }
        CliRun misspelt = CliRun.of(List.of("rewnd"), "", Map.of());
        assertThat(misspelt.exit()).isEqualTo(BacktrackCli.USAGE);
        assertThat(misspelt.err()).contains("Did you mean: backtrack rewind");
    }

    /** A '%' in a description that picocli cannot format is printed raw, with a warning on standard error. */
    @Test
    void everySubcommandsHelpFormatsWithoutAWarning() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Class<?> subcommand : BacktrackCli.SUBCOMMANDS) {
                CliRun help = CliRun.of(List.of(subcommand.getAnnotation(Command.class).name(), "--help"), "",
                        Map.of());
                assertThat(help.exit()).isZero();
                assertThat(help.out() + help.err()).doesNotContain("picocli WARN");
            }
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(CliRun.of(List.of("redrive", "--help"), "", Map.of()).out()).contains("%DLQ%GROUP");
    }
}
