package dev.backtrack.autoconfigure.health;

import dev.backtrack.embedded.EmbeddedRocketMq;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/** Whether the embedded RocketMQ runs; loaded only when backtrack-embedded is on the classpath. */
final class EmbeddedBrokerState {

    private static final String EMBEDDED = "dev.backtrack.embedded.EmbeddedRocketMq";

    private EmbeddedBrokerState() {
    }

    /** Running or not, or null when the application has no embedded RocketMQ. */
    static Supplier<@Nullable Boolean> of(BeanFactory beans) {
        if (!ClassUtils.isPresent(EMBEDDED, EmbeddedBrokerState.class.getClassLoader())) {
            return () -> null;
        }
        return Lookup.running(beans);
    }

    private static final class Lookup {
        static Supplier<@Nullable Boolean> running(BeanFactory beans) {
            return () -> {
                EmbeddedRocketMq rocketMq = beans.getBeanProvider(EmbeddedRocketMq.class).getIfAvailable();
                return rocketMq == null ? null : rocketMq.isRunning();
            };
        }
    }
}
