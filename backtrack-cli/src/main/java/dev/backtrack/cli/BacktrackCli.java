package dev.backtrack.cli;

import dev.backtrack.core.operation.Refusal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backtrack} command: plan, rewind, offsets and history of RocketMQ consumer groups by time. */
@Command(name = "backtrack", mixinStandardHelpOptions = true, version = "backtrack 0.1.0",
        description = "Replay RocketMQ messages by time: plan and apply consumer-group rewinds, replay a window or "
                + "redrive dead letters to a group, inspect offsets and the record of past operations.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (nothing or not everything changed)", "2:usage error",
            "3:paused (a replay's or redrive's canary or too many of its messages failed: resume or abort it)"})
public final class BacktrackCli implements Runnable {

    /** Exit code of a run that did what was asked. */
    public static final int OK = 0;
    /** Exit code of a run that failed. */
    public static final int FAILED = 1;
    /** Exit code of a run with a wrong command line. */
    public static final int USAGE = 2;
    /** Exit code of a replay, redrive or resume that paused: its canary or too many of its messages failed. */
    public static final int PAUSED = 3;

    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(PlanCommand.class, RewindCommand.class, OffsetsCommand.class,
            HistoryCommand.class, ReplayCommand.class, RedriveCommand.class, ResumeCommand.class, AbortCommand.class,
            UndoCommand.class, SnapshotCommand.class, RestoreCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        String extractTo = System.getProperty(ExplodedJar.EXTRACT_TO);
        if (extractTo != null) {
            System.exit(extract(Path.of(extractTo)));
        }
        if (System.getProperty("logback.configurationFile") == null) {
            // The CLI's own logging: warnings on standard error, standard output left to results. Not named
            // logback.xml, so that applications and tests with this jar on their classpath keep their own logging.
            System.setProperty("logback.configurationFile", "backtrack-cli-logback.xml");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int exitCode = run(args, out, err, in, System.getenv());
        out.flush();
        err.flush();
        NetworkThreadsStopper.stopAll(); // or the JVM's exit waits up to 300 ms for the clients' selector threads
        ArchivedClasses.loadWhenAsked(); // the first run of a jar: its archive then covers every command
        System.exit(exitCode);
    }

    /** Unpacks the running executable jar for {@code bin/backtrack} (see {@link ExplodedJar}); returns the exit code. */
    private static int extract(Path target) {
        try {
            ExplodedJar.extract(Path.of(System.getProperty("java.class.path")), target, BacktrackCli.class.getName());
            return OK;
        } catch (IOException | RuntimeException e) {
            System.err.println("backtrack: cannot unpack " + System.getProperty("java.class.path") + " into " + target
                    + ": " + e);
            return FAILED;
        }
    }

    /** Runs the command line with the given streams and the process environment and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, BufferedReader in) {
        return run(args, out, err, in, System.getenv());
    }

    /** Runs the command line with the given streams and environment variables and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, BufferedReader in,
            Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new BacktrackCli());
        subcommandsFor(args).forEach(commandLine::addSubcommand);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setDefaultValueProvider(option -> option instanceof CommandLine.Model.OptionSpec o
                && o.longestName().equals("--namesrv") ? blankToNull(environment.get(ClusterOptions.NAMESRV_ADDR))
                : null);
        commandLine.getSubcommands().values().forEach(sub -> {
            sub.getCommandSpec().version(commandLine.getCommandSpec().version());
            if (sub.getCommand() instanceof RewindCommand rewind) {
                rewind.input = in;
            }
            if (sub.getCommand() instanceof UndoCommand undo) {
                undo.input = in;
            }
            if (sub.getCommand() instanceof RestoreCommand restore) {
                restore.input = in;
            }
            if (sub.getCommand() instanceof ResumeCommand resume) {
                resume.input = in;
            }
            sub.getCommandSpec().mixins().values().forEach(mixin -> {
                if (mixin.userObject() instanceof ClusterOptions cluster) {
                    cluster.environment = Map.copyOf(environment);
                }
                if (mixin.userObject() instanceof SendOptions send) {
                    send.input = in;
                }
            });
        });
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(ErrorText.of(e.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
            cmd.usage(cmd.getErr());
            cmd.getErr().flush();
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("error: " + ErrorText.of(e.getMessage() != null ? e.getMessage() : e.toString()));
            cmd.getErr().flush();
            return exitCode(e);
        });
        return commandLine.execute(args);
    }

    /**
     * The subcommand the arguments name first, alone; every subcommand when they name none (help, a version, a
     * misspelling to suggest for). Picocli reads each subcommand's options by reflection, and a run that builds one
     * instead of eleven starts about 0.2 s sooner.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(subcommand);
                }
            }
        }
        return SUBCOMMANDS;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The exit code of a command that threw {@code e}: core's {@link Refusal} table, 2 for bad usage, else 1. */
    static int exitCode(Exception e) {
        return e instanceof UsageException ? USAGE : Refusal.of(e).map(Refusal::exitCode).orElse(FAILED);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: plan, rewind, undo, offsets, history, replay, snapshot or restore");
    }
}
