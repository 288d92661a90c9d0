package dev.backtrack.autoconfigure.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.spring.support.DefaultRocketMQListenerContainer;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Notes when each listener container created its consumer, to tell RocketMQ's default consumeTimestamp (half an hour
 * before the consumer was created, which changes at every start) from one the application set in prepareStart.
 */
public class ListenerCreationTimes implements BeanPostProcessor {

    /** RocketMQ's default consumeTimestamp lies this long before the consumer's creation. */
    static final Duration ROCKETMQ_DEFAULT_LAG = Duration.ofMinutes(30);
    private static final DateTimeFormatter ROCKETMQ_FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Clock clock;
    private final Map<DefaultRocketMQListenerContainer, long[]> times = new ConcurrentHashMap<>();

    /** Reads the wall clock. */
    public ListenerCreationTimes() {
        this(Clock.systemUTC());
    }

    ListenerCreationTimes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultRocketMQListenerContainer container) {
            times.put(container, new long[] {clock.millis(), Long.MAX_VALUE});
        }
        return bean;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultRocketMQListenerContainer container) {
            long[] span = times.get(container);
            if (span != null) {
                span[1] = clock.millis();
            }
        }
        return bean;
    }

    /**
     * Whether {@code consumeTimestamp} is the value RocketMQ's consumer gives itself when created, i.e. the
     * application set CONSUME_FROM_TIMESTAMP without a time.
     */
    public boolean isRocketMqDefault(DefaultRocketMQListenerContainer container, String consumeTimestamp) {
        long[] span = times.get(container);
        if (span == null || consumeTimestamp.length() != 14) {
            return false;
        }
        long millis;
        try {
            millis = LocalDateTime.parse(consumeTimestamp, ROCKETMQ_FORMAT).atZone(ZoneId.systemDefault())
                    .toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return false;
        }
        long lag = ROCKETMQ_DEFAULT_LAG.toMillis();
        return millis >= span[0] - lag - 1000 && millis <= span[1] - lag;
    }
}
