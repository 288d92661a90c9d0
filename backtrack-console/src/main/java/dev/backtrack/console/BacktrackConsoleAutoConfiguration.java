package dev.backtrack.console;

import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.control.BacktrackControlAutoConfiguration;
import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import dev.backtrack.console.api.ApiErrors;
import dev.backtrack.console.api.BatchController;
import dev.backtrack.console.api.ConsoleInputs;
import dev.backtrack.console.api.HistoryController;
import dev.backtrack.console.api.InventoryController;
import dev.backtrack.console.api.PeekController;
import dev.backtrack.console.api.ProgressController;
import dev.backtrack.console.api.RedriveController;
import dev.backtrack.console.api.ReplayController;
import dev.backtrack.console.api.RewindController;
import dev.backtrack.console.api.RunController;
import dev.backtrack.console.api.SessionController;
import dev.backtrack.console.api.SnapshotController;
import dev.backtrack.console.api.TimelineController;
import dev.backtrack.console.cluster.ApplicationFleet;
import dev.backtrack.console.cluster.ClusterSettings;
import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.console.rewind.ConsoleBatches;
import dev.backtrack.console.rewind.ConsoleRewinder;
import dev.backtrack.console.rewind.ConsoleSnapshots;
import dev.backtrack.console.security.ConsoleSecurityConfiguration;
import dev.backtrack.console.web.ConsolePageController;
import dev.backtrack.console.web.LoginPageController;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Backtrack console under {@code /backtrack-console} when {@code backtrack.console.enabled=true}: its JSON API,
 * pages and security chain, on the application's RocketMQ cluster, reusing the starter's time parser and control
 * channel where they exist. Runs after Spring Boot's security auto-configuration, so an application without a
 * security chain of its own keeps Boot's default one for its other paths.
 */
@AutoConfiguration(after = {SecurityAutoConfiguration.class, BacktrackPositioningAutoConfiguration.class,
        BacktrackControlAutoConfiguration.class})
@ConditionalOnProperty(prefix = "backtrack.console", name = "enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties({BacktrackConsoleProperties.class, BacktrackProperties.class})
@Import(ConsoleSecurityConfiguration.class)
public class BacktrackConsoleAutoConfiguration {

    /** The application's RocketMQ consumer bindings and listeners. */
    static Supplier<List<ConsumerBinding>> localConsumers(Environment environment,
            ObjectProvider<ConsumerSource> sources) {
        return () -> ConsumerSource.all(ConsumerBindings.all(environment), sources.orderedStream());
    }

    /** The console's connections to its cluster, opened on first use. */
    @Bean(destroyMethod = "close")
    public ConsoleCluster backtrackConsoleCluster(BacktrackConsoleProperties console, BacktrackProperties backtrack,
            Environment environment, ObjectProvider<ConsumerSource> sources, ObjectProvider<ApplicationFleet> fleet) {
        Supplier<List<ConsumerBinding>> consumers = localConsumers(environment, sources);
        return new ConsoleCluster(() -> ClusterSettings.resolve(console, consumers.get(),
                environment.getProperty("spring.cloud.stream.rocketmq.binder.name-server"), backtrack.getTimeout()),
                backtrack.getJournal().getTopic(), backtrack.getControl().getTopic(),
                admin -> Optional.ofNullable(fleet.getIfAvailable()).flatMap(f -> f.rewinder(admin)));
    }

    /** Reads the request values; times with the starter's parser, or one in {@code backtrack.zone}. */
    @Bean
    public ConsoleInputs backtrackConsoleInputs(ObjectProvider<TimeExpressionParser> parser,
            BacktrackProperties backtrack) {
        return new ConsoleInputs(parser.getIfAvailable(() -> new TimeExpressionParser(backtrack.getZone())),
                Clock.systemUTC());
    }

    /** Plans, applies and undoes the console's rewinds, counted in the application's metrics when it has them. */
    @Bean
    public ConsoleRewinder backtrackConsoleRewinder(ConsoleCluster cluster, ObjectProvider<RewindObserver> observer) {
        return new ConsoleRewinder(cluster, () -> observer.getIfAvailable(() -> RewindObserver.NONE));
    }

    /** {@code GET /api/me}. */
    @Bean
    public SessionController backtrackConsoleSessionController(ConsoleInputs inputs) {
        return new SessionController(inputs.zone());
    }

    /** {@code GET /api/topics} and {@code /api/groups}, Backtrack's own topics left out. */
    @Bean
    public InventoryController backtrackConsoleInventoryController(ConsoleCluster cluster, Environment environment,
            ObjectProvider<ConsumerSource> sources, BacktrackProperties backtrack) {
        String journal = backtrack.getJournal().getTopic();
        return new InventoryController(cluster, localConsumers(environment, sources),
                Set.of(journal, journal + "_CLAIMS", backtrack.getControl().getTopic()));
    }

    /** {@code GET /api/timeline}. */
    @Bean
    public TimelineController backtrackConsoleTimelineController(ConsoleCluster cluster, ConsoleInputs inputs,
            BacktrackConsoleProperties console) {
        return new TimelineController(cluster, inputs, console.getTimeline().getDefaultBuckets());
    }

    /** {@code POST /api/plan}, {@code /api/rewind} and {@code /api/undo/ID}. */
    @Bean
    public RewindController backtrackConsoleRewindController(ConsoleRewinder rewinder, ConsoleInputs inputs) {
        return new RewindController(rewinder, inputs);
    }

    /** Batch rewinds and their undo, counted in the application's metrics when it has them. */
    @Bean
    public ConsoleBatches backtrackConsoleBatches(ConsoleCluster cluster, ObjectProvider<RewindObserver> observer) {
        return new ConsoleBatches(cluster, () -> observer.getIfAvailable(() -> RewindObserver.NONE));
    }

    /** Snapshots and their restore, counted in the application's metrics when it has them. */
    @Bean
    public ConsoleSnapshots backtrackConsoleSnapshots(ConsoleCluster cluster, ObjectProvider<RewindObserver> observer) {
        return new ConsoleSnapshots(cluster, () -> observer.getIfAvailable(() -> RewindObserver.NONE));
    }

    /** {@code GET /api/batch/groups}, {@code POST /api/batch/plan}, {@code /api/batch/rewind} and {@code /undo/ID}. */
    @Bean
    public BatchController backtrackConsoleBatchController(ConsoleCluster cluster, ConsoleBatches batches,
            ConsoleInputs inputs) {
        return new BatchController(cluster, batches, inputs);
    }

    /** {@code GET|POST /api/snapshots}, {@code POST /api/snapshots/ID/plan} and {@code /api/snapshots/ID/restore}. */
    @Bean
    public SnapshotController backtrackConsoleSnapshotController(ConsoleCluster cluster, ConsoleSnapshots snapshots,
            ConsoleInputs inputs) {
        return new SnapshotController(cluster, snapshots, inputs);
    }

    /** {@code POST /api/replay}. */
    @Bean
    public ReplayController backtrackConsoleReplayController(ConsoleCluster cluster, ConsoleInputs inputs) {
        return new ReplayController(cluster, inputs);
    }

    /** {@code POST /api/redrive}. */
    @Bean
    public RedriveController backtrackConsoleRedriveController(ConsoleCluster cluster, ConsoleInputs inputs) {
        return new RedriveController(cluster, inputs);
    }

    /** {@code POST /api/runs/ID/resume} and {@code /api/runs/ID/abort}. */
    @Bean
    public RunController backtrackConsoleRunController(ConsoleCluster cluster, BacktrackConsoleProperties console) {
        return new RunController(cluster, console.getResumeQuiet());
    }

    /** {@code GET /api/peek}, within the configured limits. */
    @Bean
    public PeekController backtrackConsolePeekController(ConsoleCluster cluster, ConsoleInputs inputs,
            BacktrackConsoleProperties console) {
        BacktrackConsoleProperties.Peek peek = console.getPeek();
        return new PeekController(cluster, inputs, peek.getDefaultLimit(), peek.getMaxLimit(),
                peek.getMaxBodyBytes());
    }

    /** {@code GET /api/history}. */
    @Bean
    public HistoryController backtrackConsoleHistoryController(ConsoleCluster cluster, ConsoleInputs inputs) {
        return new HistoryController(cluster, inputs);
    }

    /** {@code GET /api/progress}. */
    @Bean
    public ProgressController backtrackConsoleProgressController(ConsoleCluster cluster, ConsoleInputs inputs) {
        return new ProgressController(cluster, inputs);
    }

    /** The API's errors as {@code {"error": ...}} with their status. */
    @Bean
    public ApiErrors backtrackConsoleApiErrors() {
        return new ApiErrors();
    }

    /** The UI's page at {@code /backtrack-console/}. */
    @Bean
    public ConsolePageController backtrackConsolePageController() {
        return new ConsolePageController();
    }

    /** The login form. */
    @Bean
    public LoginPageController backtrackConsoleLoginPageController() {
        return new LoginPageController();
    }

    /** In an application with the starter's control channel: rewinds go through it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder")
    static class ApplicationControlConfiguration {

        @Bean
        ApplicationFleet backtrackConsoleApplicationFleet(ObjectProvider<BacktrackControl> control) {
            return admin -> Optional.ofNullable(control.getIfAvailable()).flatMap(c -> c.fleetRewinder(admin));
        }
    }
}
