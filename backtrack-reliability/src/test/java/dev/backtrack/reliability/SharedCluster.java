package dev.backtrack.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ProcessCluster} for every scenario class of a test JVM (starting three JVMs per class would cost a
 * minute of the CI budget): started by the first class, killed when the JVM's run ends, whether the tests passed or not.
 */
final class SharedCluster implements BeforeAllCallback {

    private static final String KEY = SharedCluster.class.getName();

    @Override
    public void beforeAll(ExtensionContext context) {
        Resource resource = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new Resource(), Resource.class);
        ClusterScenario.cluster = resource.cluster;
        ClusterScenario.dir = resource.dir.resolve(context.getRequiredTestClass().getSimpleName());
        try {
            resource.cluster.ensureBrokersRunning();
            Files.createDirectories(ClusterScenario.dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster, closed by JUnit when the run's root context closes. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource {

        private final Path dir;
        private final ProcessCluster cluster;

        Resource() {
            // Surefire runs two test JVMs, each with its own cluster: the process id keeps their directories apart.
            dir = Path.of("target", "reliability", LocalDateTime.now()
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + ProcessHandle.current().pid())
                    .toAbsolutePath();
            try {
                Files.createDirectories(dir);
                cluster = ProcessCluster.start(dir.resolve("cluster"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
