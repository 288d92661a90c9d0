package dev.backtrack.benchmarks.replay;

import dev.backtrack.core.rewind.RewindPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Cloud Stream application with the Backtrack starter and one counting function, whose binding the starter
 * positions from {@code consumeFromWhere: CONSUME_FROM_TIMESTAMP} and the plan's millisecond {@code consumeTimestamp}.
 * Spring Boot's logging system is switched off for the whole process, so that each application start does not
 * reconfigure logback and truncate the harness's log file (the warnings of the paths before it).
 */
public final class BindingReplay implements ReplayPath {

    private static final String BINDING_PREFIX = "spring.cloud.stream.bindings.";
    private static final String ROCKETMQ_PREFIX = "spring.cloud.stream.rocketmq.bindings.";

    private final String nameServer;
    private final String label;
    private final String function;
    private final ReplayTuning tuning;
    private final String contentType;

    /**
     * A binding replay through {@code function} of {@link CountingConsumerApplication} with {@code contentType}, with
     * the settings of {@code tuning}, or the binder's defaults when it is null.
     */
    public BindingReplay(String nameServer, String label, String function, ReplayTuning tuning, String contentType) {
        this.nameServer = nameServer;
        this.label = label;
        this.function = function;
        this.tuning = tuning;
        this.contentType = contentType;
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
        properties.put(ROCKETMQ_PREFIX + binding + ".consumer.consumeFromWhere", "CONSUME_FROM_TIMESTAMP");
        properties.put(ROCKETMQ_PREFIX + binding + ".consumer.consumeTimestamp",
                Long.toString(plan.requestedTimestamp()));
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
