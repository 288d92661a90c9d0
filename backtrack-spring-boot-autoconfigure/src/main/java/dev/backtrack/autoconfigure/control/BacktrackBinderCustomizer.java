package dev.backtrack.autoconfigure.control;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.ProducerProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.core.MessageProducer;

/**
 * The application's {@link BinderCustomizer}: Spring Cloud Stream applies only one (the unique or primary bean), so
 * this one is primary, runs every other BinderCustomizer bean of the application first, then adds to the RocketMQ
 * binder a consumer endpoint customizer that reports each consumer to {@link LocalConsumers}, after the one already
 * set (the application's keeps running).
 */
public class BacktrackBinderCustomizer implements BinderCustomizer {

    private static final Logger log = LoggerFactory.getLogger(BacktrackBinderCustomizer.class);
    /** Where AbstractMessageChannelBinder (Spring Cloud Stream 4.3) keeps its consumer endpoint customizer. */
    static final String CONSUMER_CUSTOMIZER_FIELD = "consumerCustomizer";

    private final LocalConsumers consumers;
    private final ObjectProvider<BinderCustomizer> customizers;
    private final @Nullable Field consumerCustomizer;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** Reports the binder's consumers to {@code consumers} after applying the application's {@code customizers}. */
    public BacktrackBinderCustomizer(LocalConsumers consumers, ObjectProvider<BinderCustomizer> customizers) {
        this.consumers = consumers;
        this.customizers = customizers;
        this.consumerCustomizer = field();
    }

    @Override
    public void customize(Binder<?, ? extends ConsumerProperties, ? extends ProducerProperties> binder,
            String binderName) {
        List<BinderCustomizer> others = customizers.orderedStream().filter(c -> c != this).toList();
        others.forEach(customizer -> customizer.customize(binder, binderName));
        if (binder instanceof RocketMQMessageChannelBinder rocketMq) {
            reportConsumers(rocketMq, !others.isEmpty());
        }
    }

    private void reportConsumers(RocketMQMessageChannelBinder binder, boolean othersRan) {
        ConsumerEndpointCustomizer<MessageProducer> existing;
        try {
            existing = current(binder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (othersRan) {
                // replacing what the application may have set would silently break it; in-place rewinds are optional
                if (warned.compareAndSet(false, true)) {
                    log.warn("Backtrack: cannot read the RocketMQ binder's consumer endpoint customizer ({}); to keep "
                            + "the application's, rewinds of this application's consumers will use RocketMQ's "
                            + "broker-driven reset (10-30 s)", e.toString());
                }
                return;
            }
            existing = null;
        }
        if (existing instanceof Reporting) {
            return; // already added on an earlier request for this binder
        }
        binder.setConsumerEndpointCustomizer(new Reporting(existing, consumers));
    }

    @SuppressWarnings("unchecked")
    private ConsumerEndpointCustomizer<MessageProducer> current(AbstractMessageChannelBinder<?, ?, ?> binder)
            throws ReflectiveOperationException {
        if (consumerCustomizer == null) {
            throw new NoSuchFieldException(CONSUMER_CUSTOMIZER_FIELD);
        }
        return (ConsumerEndpointCustomizer<MessageProducer>) consumerCustomizer.get(binder);
    }

    private static @Nullable Field field() {
        try {
            Field field = AbstractMessageChannelBinder.class.getDeclaredField(CONSUMER_CUSTOMIZER_FIELD);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Runs the customizer that was set before, then reports the endpoint. */
    private record Reporting(@Nullable ConsumerEndpointCustomizer<MessageProducer> previous, LocalConsumers consumers)
            implements ConsumerEndpointCustomizer<MessageProducer> {

        @Override
        public void configure(MessageProducer endpoint, String destinationName, String group) {
            if (previous != null) {
                previous.configure(endpoint, destinationName, group);
            }
            consumers.register(endpoint, destinationName, group);
        }
    }
}
