package dev.backtrack.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started with the test class path, its output in a log file. Every started JVM is also killed by a shutdown
 * hook of the test JVM, so none outlives the test run even when a test fails or the run is interrupted.
 */
final class ChildJvm {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "reliability-child-jvm-killer"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code mainClass} with {@code args} in a JVM with at most {@code heap} of heap. */
    static ChildJvm start(String name, Path log, String heap, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dfile.encoding=UTF-8", "-cp", classPath(), mainClass));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LIVE.add(process);
        return new ChildJvm(name, process, log);
    }

    /** The test class path: surefire's when running under surefire, else this JVM's. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Waits until a line of the log matches, failing with the log's end if the JVM exits first. */
    String awaitLine(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                if (matches.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log ends with:\n"
                        + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not get ready within " + timeout.toSeconds()
                        + " s; its log ends with:\n" + tail());
            }
            sleep(100);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitGone();
    }

    /** SIGTERM (shutdown hooks run), then SIGKILL if it is still there after {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        waitGone();
    }

    /** SIGTERM only (shutdown hooks run); the caller waits for the exit. */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only once the process has exited. */
    int exitValue() {
        int code = process.exitValue();
        LIVE.remove(process);
        return code;
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** The last ~4000 characters of the log. */
    String tail() {
        String text = String.join("\n", lines());
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private List<String> lines() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void waitGone() {
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
