package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Malformed command lines, for every command: exit 2 with a message on standard error, or, when the line happens to
 * be valid, exit 1 because the name server (a closed port) does not answer; never a stack trace. No broker needed.
 */
class BacktrackCliArgumentsPropertiesTest {

    private static final List<String> COMMANDS = List.of("plan", "rewind", "offsets", "history");
    /** Where every run points unless the arguments say otherwise: nothing listens on port 1. */
    private static final List<String> CLOSED = List.of("-n", "127.0.0.1:1", "--timeout", "1s");
    private static final int MAX_FIRST_LINE = 600;

    static CliRun run(List<String> args) {
        return CliRun.of(args, "n\n", System.getenv());
    }

    @Property(tries = 50)
    void planRejectsMalformedArgumentsCleanly(@ForAll("arguments") List<String> arguments) {
        assertRejectedCleanly("plan", arguments);
    }

    @Property(tries = 50)
    void rewindRejectsMalformedArgumentsCleanly(@ForAll("arguments") List<String> arguments) {
        assertRejectedCleanly("rewind", arguments);
    }

    @Property(tries = 50)
    void offsetsRejectsMalformedArgumentsCleanly(@ForAll("arguments") List<String> arguments) {
        assertRejectedCleanly("offsets", arguments);
    }

    @Property(tries = 50)
    void historyRejectsMalformedArgumentsCleanly(@ForAll("arguments") List<String> arguments) {
        assertRejectedCleanly("history", arguments);
    }

    @Property(tries = 30)
    void anythingInPlaceOfTheCommandIsAUsageError(@ForAll("value") String first) {
        Assume.that(!COMMANDS.contains(first) && !List.of("-h", "--help", "-V", "--version").contains(first));
        CliRun run = run(List.of(first));
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertClean(run);
    }

    @Example
    void longAndControlCharacterValuesAreQuotedShortly() {
        String huge = "y".repeat(1 << 20);
        for (List<String> args : List.of(
                List.of("plan", "-g", "g", "-t", "t", "--to", huge),
                List.of("plan", "-g", "g", "-t", "t", "--to", "now", "--timeout", huge),
                List.of("rewind", "-g", "g", "-t", "t", "--to", "now", "--ack-timeout", "\u001b[2J" + huge),
                List.of("offsets", "-g", huge, "-t", "t"),
                List.of("history", "--journal-topic", huge),
                List.of("plan", "-g", "g", "-t", "t", "--to", "now", "--zone", huge),
                List.of("plan", huge),
                List.of("history", "--" + huge))) {
            CliRun run = run(withClosedNameServer(args));
            assertThat(run.exit()).as(run.err().substring(0, Math.min(300, run.err().length()))).isEqualTo(2);
            assertClean(run);
            assertThat(run.err()).doesNotContain("\u001b");
        }
    }

    @Example
    void everyCommandPrintsTheVersionOnRequest() {
        for (String command : List.of("plan", "rewind", "undo", "offsets", "history", "replay")) {
            for (String flag : List.of("-V", "--version")) {
                CliRun run = run(List.of(command, flag));
                assertThat(run.exit()).as(command + " " + flag).isZero();
                assertThat(run.out()).as(command + " " + flag).isEqualTo("backtrack 0.1.0" + System.lineSeparator());
            }
        }
    }

    @Example
    void durationsOutOfRangeAreUsageErrors() {
        for (String duration : List.of("999999999999999999999m", "9223372036854775807m", "61m", "0ms", "-5s")) {
            for (List<String> args : List.of(List.of("offsets", "-g", "g", "-t", "t", "--timeout", duration),
                    List.of("rewind", "-g", "g", "-t", "t", "--to", "now", "--ack-timeout", duration),
                    List.of("rewind", "-g", "g", "-t", "t", "--to", "now", "--follow", "--follow-timeout", duration))) {
                CliRun run = run(withClosedNameServer(args));
                assertThat(run.exit()).as(args + "\n" + run.err()).isEqualTo(2);
                assertClean(run);
                assertThat(run.err()).contains("'" + duration + "' is not a duration; accepted: a positive number "
                        + "followed by ms, s or m, at most 60m");
            }
        }
    }

    private static List<String> withClosedNameServer(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(1, List.of("-n", "127.0.0.1:1"));
        return all;
    }

    @Example
    void theLaunchedCommandPrintsNoStackTraceEither() throws Exception {
        for (List<String> args : List.of(
                List.of("plan", "-n", "127.0.0.1:1", "--timeout", "1s", "-g", "g", "-t", "t", "--to", "-1h"),
                List.of("rewind", "-n", "127.0.0.1:1", "--timeout", "1s", "-g", "g", "-t", "t", "--to", "now", "--yes"),
                List.of("offsets", "-n", "127.0.0.1:1", "--timeout", "1s", "-g", "g", "-t", "t"),
                List.of("history", "-n", "127.0.0.1:1", "--timeout", "1s"))) {
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), BacktrackCli.class.getName()));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(args.toString()).isTrue();
            CliRun run = new CliRun(process.exitValue(), out, err.get());
            assertThat(run.exit()).as(args + "\n" + run.err()).isEqualTo(1);
            assertClean(run);
            assertThat(run.err()).startsWith("error: ").contains("127.0.0.1:1").contains("does not answer");
            assertThat(run.out()).as("nothing on standard output").isEmpty();
        }
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRejectedCleanly(String command, List<String> arguments) {
        // -h and -V, alone or leading a cluster of short options (-Vx...), ask for help or the version: exit 0 is
        // right for those, whatever else the line holds (picocli's rule for help requests).
        Assume.that(arguments.stream().noneMatch(a -> a.startsWith("-h") || a.startsWith("-V")
                || a.equals("--help") || a.equals("--version")));
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(CLOSED);
        all.addAll(arguments);
        CliRun run = run(all);
        assertThat(run.exit()).as(all + "\n" + run.err()).isIn(1, 2);
        assertClean(run);
        if (run.exit() == 1) {
            assertThat(run.err()).as(all.toString()).contains("127.0.0.1:1").contains("does not answer");
        }
    }

    private static void assertClean(CliRun run) {
        assertThat(run.err()).as("a message on standard error").isNotBlank();
        assertThat(run.err()).as(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().lines().findFirst().orElse("")).as("first line of standard error").hasSizeLessThan(
                MAX_FIRST_LINE);
    }

    @Provide
    Arbitrary<List<String>> arguments() {
        Arbitrary<List<String>> pair = Arbitraries.oneOf(
                Arbitraries.of("-g", "--group", "-t", "--topic", "--to", "--zone", "--timeout", "--access-key",
                        "--secret-key", "--journal-topic", "--control-topic", "--ack-timeout").flatMap(
                        option -> value().map(v -> List.of(option, v))),
                Arbitraries.of(List.of("--namesrv", "localhost"), List.of("--namesrv", ";;"),
                        List.of("--namesrv", "127.0.0.1:0"), List.of("--namesrv", "http://127.0.0.1:9876"),
                        List.of("--namesrv", "a,b:9876")));
        Arbitrary<List<String>> single = Arbitraries.oneOf(
                Arbitraries.of("--json", "--yes", "-y", "--dry-run", "--", "-", "--foo", "-x", "-gt", "--to=",
                        "--timeout=", "--group=", "@no-such-file", "-g", "--to"),
                value()).map(List::of);
        Arbitrary<List<String>> valid = Arbitraries.of(List.of("-g", "billing"), List.of("-t", "orders"),
                List.of("--to", "-1h"), List.of("--to", "20220117110148"));
        return Arbitraries.frequencyOf(Tuple.of(4, pair), Tuple.of(3, single), Tuple.of(3, valid))
                .list().ofMaxSize(8)
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    @Provide
    Arbitrary<String> value() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().alpha().numeric().withChars('-', ':', '#', ' ')
                        .ofMinLength(150).ofMaxLength(3000),
                Arbitraries.of("", " ", "bad group", "x".repeat(300), "消费组", "yesterday", "2022-13-01 00:00:00",
                        "99999999999999999999", "0s", "-1s", "soon", "999999999999999999999m", "Mars/Base", "+25:00",
                        "@no-such-file", "--to", "-n", "%RETRY%x", "now"));
    }
}
