package dev.backtrack.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The scale benchmark's commands as an operator types them, each a process of its own, timed from start to exit:
 * {@code bin/backtrack plan} and {@code bin/backtrack rewind --yes} (when the project's CLI is built), and mqadmin's
 * {@code resetOffsetByTime} ({@code MQAdminStartup}, from the plain jars of this benchmark's own libraries).
 */
final class ScaleProcesses {

    private static final String MQADMIN = "org.apache.rocketmq.tools.command.MQAdminStartup";

    private final String nameServer;
    private final @Nullable Path project;
    private final Path work;
    private final Path libraries;

    private ScaleProcesses(String nameServer, @Nullable Path project, Path work, Path libraries) {
        this.nameServer = nameServer;
        this.project = project;
        this.work = work;
        this.libraries = libraries;
    }

    /**
     * Prepares the processes: mqadmin's classpath unpacked from this benchmark's jar into {@code work}; the CLI of the
     * project at {@code backtrack.project} (default: the current directory), left out when it is not built there.
     */
    static ScaleProcesses prepare(String nameServer, Path work) throws IOException {
        Path libraries = Files.createDirectories(work.resolve("lib"));
        unpackLibraries(Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]),
                libraries);
        Path project = Path.of(System.getProperty("backtrack.project", ".")).toAbsolutePath().normalize();
        boolean built = Files.isRegularFile(project.resolve("bin/backtrack"))
                && Files.isRegularFile(project.resolve("backtrack-cli/target/backtrack-cli-exec.jar"));
        return new ScaleProcesses(nameServer, built ? project : null, work, libraries);
    }

    /** The project whose CLI and console are measured; null when its CLI is not built. */
    @Nullable Path project() {
        return project;
    }

    /** Whether the CLI is measured. */
    boolean cli() {
        return project != null;
    }

    /** Milliseconds of {@code bin/backtrack plan ... --json}. */
    long plan(String group, String topic, long time) throws Exception {
        return run(cliCommand("plan", group, topic, time, false));
    }

    /** Milliseconds of {@code bin/backtrack rewind ... --yes --json}. */
    long rewind(String group, String topic, long time) throws Exception {
        return run(cliCommand("rewind", group, topic, time, true));
    }

    /** Milliseconds of {@code mqadmin resetOffsetByTime -g group -t topic -s time}. */
    long mqadmin(String group, String topic, long time) throws Exception {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                libraries.resolve("*").toString(), MQADMIN, "resetOffsetByTime", "-n", nameServer, "-g", group, "-t",
                topic, "-s", Long.toString(time)));
    }

    private List<String> cliCommand(String command, String group, String topic, long time, boolean yes) {
        List<String> words = new ArrayList<>(List.of("bash", project.resolve("bin/backtrack").toString(), command, "-n",
                nameServer, "-g", group, "-t", topic, "--to", Long.toString(time), "--json"));
        if (yes) {
            words.add("--yes");
        }
        return words;
    }

    private long run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile());
        builder.environment().put("BACKTRACK_CACHE_DIR", work.resolve("cli-cache").toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not exit within 300 s");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                    + Files.readString(work.resolve("err.txt")) + Files.readString(work.resolve("out.txt")));
        }
        return millis;
    }

    /** Copies the nested jars of a Spring Boot jar ({@code BOOT-INF/lib/}) into {@code target} as plain jars. */
    private static void unpackLibraries(Path jar, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    Files.copy(zip, target.resolve(name.substring("BOOT-INF/lib/".length())),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
