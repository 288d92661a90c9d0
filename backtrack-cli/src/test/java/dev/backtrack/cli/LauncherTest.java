package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/backtrack's start-up cache, driven through bash with a stand-in for the CLI's executable jar
 * ({@link LauncherProbe} in the same layout): unpacked and archived on the first run, reused, rebuilt for a new jar,
 * skipped when the cache cannot be written, shared by concurrent first runs.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "bin", "backtrack").toAbsolutePath().normalize();

    @TempDir
    Path home;
    private Path launcher;
    private Path jar;
    private Path cache;

    record Run(int exit, String out, String err) {

        String line(String key) {
            return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1))
                    .findFirst().orElse(null);
        }
    }

    @BeforeEach
    void installLauncherAndJar() throws IOException {
        launcher = home.resolve("bin/backtrack");
        Files.createDirectories(launcher.getParent());
        Files.copy(LAUNCHER, launcher);
        launcher.toFile().setExecutable(true);
        jar = home.resolve("backtrack-cli/target/backtrack-cli-exec.jar");
        Files.createDirectories(jar.getParent());
        writeExecutableJar(jar, "first build");
        cache = home.resolve("cache");
    }

    @Test
    void theFirstRunUnpacksAndWritesTheArchiveLaterRunsUseIt() throws Exception {
        Run first = run(cache, "3");
        assertThat(first.exit()).isEqualTo(3);
        Path dir = onlyCacheDir();
        assertThat(first.line("classpath")).isEqualTo(dir.resolve("backtrack-cli.jar").toString());
        assertThat(first.line("archive-written")).startsWith(dir.toString());
        assertThat(first.line("archive-classes")).as("the classes of every command archived too").isEqualTo("true");
        assertThat(dir.resolve("classes.jsa")).isNotEmptyFile();
        assertThat(listing(dir)).containsOnly("backtrack-cli.jar", "classes.jsa", "lib");
        assertThat(listing(dir.resolve("lib"))).containsExactlyInAnyOrder("backtrack-cli-classes.jar", "extra.jar");

        Run second = run(cache, "0");
        assertThat(second.exit()).isZero();
        assertThat(second.line("classpath")).isEqualTo(dir.resolve("backtrack-cli.jar").toString());
        assertThat(second.line("archive-used")).isEqualTo(dir.resolve("classes.jsa").toString());
        assertThat(second.line("archive-written")).isEqualTo("-");
        assertThat(second.line("archive-classes")).isEqualTo("-");
        assertThat(second.out().lines()).hasSize(4); // nothing but the command's own output on standard output
    }

    @Test
    void aRebuiltJarGetsANewCacheAndTheOldOneGoes() throws Exception {
        run(cache, "0");
        Path old = onlyCacheDir();
        writeExecutableJar(jar, "second build, other size");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));

        Run rebuilt = run(cache, "0");
        assertThat(rebuilt.exit()).isZero();
        Path dir = onlyCacheDir();
        assertThat(dir).isNotEqualTo(old);
        assertThat(old).doesNotExist();
        assertThat(rebuilt.line("classpath")).isEqualTo(dir.resolve("backtrack-cli.jar").toString());
        assertThat(run(cache, "0").line("archive-used")).isEqualTo(dir.resolve("classes.jsa").toString());
    }

    @Test
    void anUnwritableCacheRunsTheJarAsIs() throws Exception {
        Path file = Files.writeString(home.resolve("a-file"), "not a directory");
        Run run = run(file.resolve("cache"), "4");
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.line("classpath")).isEqualTo(jar.toString());
        assertThat(run.line("archive-used")).isEqualTo("-");
        assertThat(run.err()).isEmpty();

        Path readOnly = Files.createDirectories(home.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(readOnly)) { // root may write anyway
            Run denied = run(readOnly.resolve("cache"), "0");
            assertThat(denied.exit()).isZero();
            assertThat(denied.line("classpath")).isEqualTo(jar.toString());
        }
    }

    @Test
    void concurrentFirstRunsAllSucceedAndShareOneCache() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            processes.add(start(cache, "0"));
        }
        for (Process process : processes) {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("classpath=");
        }
        Path dir = onlyCacheDir();
        assertThat(listing(cache)).containsExactly(dir.getFileName().toString()); // no half-unpacked leftovers
        assertThat(listing(dir)).containsOnly("backtrack-cli.jar", "classes.jsa", "lib");
        assertThat(run(cache, "0").line("archive-used")).isEqualTo(dir.resolve("classes.jsa").toString());
    }

    @Test
    void backtrackCdsTakesOnOrOffAndNamesAWrongValue() throws Exception {
        Run off = run(cache, "3", "off");
        assertThat(off.exit()).isEqualTo(3);
        assertThat(off.line("classpath")).isEqualTo(jar.toString());
        assertThat(off.line("archive-used")).isEqualTo("-");

        Run wrong = run(cache, "0", "no");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.out()).isEmpty();
        assertThat(wrong.err()).isEqualTo("backtrack: BACKTRACK_CDS must be 'on' or 'off'; was 'no'\n");
        assertThat(Files.exists(cache) ? listing(cache) : List.of()).isEmpty();
    }

    private Run run(Path cacheDir, String exitCode) throws Exception {
        return run(cacheDir, exitCode, null);
    }

    private Run run(Path cacheDir, String exitCode, String cds) throws Exception {
        Process process = start(cacheDir, exitCode, cds);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Process start(Path cacheDir, String exitCode) throws IOException {
        return start(cacheDir, exitCode, null);
    }

    private Process start(Path cacheDir, String exitCode, String cds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), exitCode);
        Map<String, String> environment = builder.environment();
        environment.put("BACKTRACK_CACHE_DIR", cacheDir.toString());
        environment.remove("BACKTRACK_JAVA_OPTS");
        environment.remove("BACKTRACK_CDS");
        if (cds != null) {
            environment.put("BACKTRACK_CDS", cds);
        }
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
        return builder.start();
    }

    private Path onlyCacheDir() throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            List<Path> dirs = entries.filter(p -> p.getFileName().toString().startsWith("cli-")).toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** An executable jar laid out as the CLI's: the probe at the root, and again under BOOT-INF with a nested jar. */
    private static void writeExecutableJar(Path jar, String content) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Class<?> type : List.of(LauncherProbe.class, ExplodedJar.class)) {
                String name = type.getName().replace('.', '/') + ".class";
                put(out, name, classBytes(type));
                put(out, "BOOT-INF/classes/" + name, classBytes(type));
            }
            put(out, "BOOT-INF/lib/extra.jar", nestedJar(content));
            put(out, "BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/extra.jar\"\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] nestedJar(String content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            put(out, "content.txt", content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void put(OutputStream out, String name, byte[] bytes) throws IOException {
        JarOutputStream jar = (JarOutputStream) out;
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
