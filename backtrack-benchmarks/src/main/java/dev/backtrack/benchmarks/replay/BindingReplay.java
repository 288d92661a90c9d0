package dev.backtrack.benchmarks.replay;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Cloud Stream application with one counting function. With Backtrack, the starter positions its binding from
 * {@code consumeFromWhere: CONSUME_FROM_TIMESTAMP} and the plan's millisecond {@code consumeTimestamp}; without it,
 * Backtrack's auto-configurations are excluded and core's {@link RewindApplier} writes the plan's offsets before the
 * application starts, so the two differ only in what Backtrack adds to the running application.
 * Spring Boot's logging system is switched off for the whole process, so that each application start does not
 * reconfigure logback and truncate the harness's log file (the warnings of the paths before it).
 */
public final class BindingReplay implements ReplayPath {

    private static final String BINDING_PREFIX = "spring.cloud.stream.bindings.";
    private static final String ROCKETMQ_PREFIX = "spring.cloud.stream.rocketmq.bindings.";
    private static final String[] BACKTRACK_AUTO_CONFIGURATIONS = {
        "dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration",
        "dev.backtrack.autoconfigure.binder.NameServerCheckAutoConfiguration",
        "dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration",
        "dev.backtrack.autoconfigure.control.BacktrackControlAutoConfiguration",
        "dev.backtrack.autoconfigure.actuate.BacktrackEndpointAutoConfiguration"};

    private final String nameServer;
    private final String label;
    private final String function;
    private final ReplayTuning tuning;
    private final String contentType;
    private final RocketMqAdmin withoutBacktrack;

    /**
     * A binding replay through {@code function} of {@link CountingConsumerApplication} with {@code contentType}, with
     * the settings of {@code tuning}, or the binder's defaults when it is null.
     */
    public BindingReplay(String nameServer, String label, String function, ReplayTuning tuning, String contentType) {
        this(nameServer, label, function, tuning, contentType, null);
    }

    private BindingReplay(String nameServer, String label, String function, ReplayTuning tuning, String contentType,
            RocketMqAdmin withoutBacktrack) {
        this.nameServer = nameServer;
        this.label = label;
        this.function = function;
        this.tuning = tuning;
        this.contentType = contentType;
        this.withoutBacktrack = withoutBacktrack;
    }

    /** The same binding with none of Backtrack's auto-configurations, positioned beforehand through {@code admin}. */
    public BindingReplay withoutBacktrack(String label, RocketMqAdmin admin) {
        return new BindingReplay(nameServer, label, function, tuning, contentType, admin);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void replay(RewindPlan plan, ReplayCounter counter) throws Exception {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        String binding = function + "-in-0";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.function.definition", function);
        properties.put(BINDING_PREFIX + binding + ".destination", plan.topic());
        properties.put(BINDING_PREFIX + binding + ".group", plan.group());
        properties.put(BINDING_PREFIX + binding + ".content-type", contentType);
        properties.put("spring.cloud.stream.rocketmq.binder.name-server", nameServer);
        if (withoutBacktrack == null) {
            properties.put(ROCKETMQ_PREFIX + binding + ".consumer.consumeFromWhere", "CONSUME_FROM_TIMESTAMP");
            properties.put(ROCKETMQ_PREFIX + binding + ".consumer.consumeTimestamp",
                    Long.toString(plan.requestedTimestamp()));
        } else {
            new RewindApplier(withoutBacktrack).apply(plan);
            properties.put("spring.autoconfigure.exclude", String.join(",", BACKTRACK_AUTO_CONFIGURATIONS));
        }
        if (tuning != null) {
            properties.putAll(tuning.bindingProperties(binding));
        }
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CountingConsumerApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("replayCounter", counter))
                .run(args)) {
            counter.awaitCaughtUp(label, STALL_SECONDS);
        }
    }
}
