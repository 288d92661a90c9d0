package dev.backtrack.autoconfigure.positioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** Finds the RocketMQ consumer bindings that ask to start from a timestamp, reading the binder's own properties. */
public final class ConsumerBindings {

    static final String DEFAULT_NAME_SERVER = "127.0.0.1:9876";

    private ConsumerBindings() {
    }

    /** The enabled CONSUME_FROM_TIMESTAMP bindings in the environment, in name order. */
    public static List<ConsumerBinding> timestampBindings(Environment environment) {
        return all(environment).stream()
                .filter(b -> b.consumeFromWhere() == ConsumeFromWhere.CONSUME_FROM_TIMESTAMP).toList();
    }

    /** Every enabled RocketMQ consumer binding (a binding with a group or a RocketMQ consumer section), in name order. */
    public static List<ConsumerBinding> all(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, StreamBinding> bindings = binder.bind("spring.cloud.stream.bindings",
                Bindable.mapOf(String.class, StreamBinding.class)).orElse(Map.of());
        Map<String, RocketMqBinding> rocketMq = binder.bind("spring.cloud.stream.rocketmq.bindings",
                Bindable.mapOf(String.class, RocketMqBinding.class)).orElse(Map.of());
        RocketMqConsumer defaults = binder.bind("spring.cloud.stream.rocketmq.default.consumer",
                RocketMqConsumer.class).orElseGet(RocketMqConsumer::new);
        RocketMqConsumer binderLevel = binder.bind("spring.cloud.stream.rocketmq.binder",
                RocketMqConsumer.class).orElseGet(RocketMqConsumer::new);

        Set<String> names = new TreeSet<>();
        rocketMq.forEach((name, binding) -> {
            if (binding.getConsumer() != null) {
                names.add(name);
            }
        });
        bindings.forEach((name, binding) -> {
            if (binding.getGroup() != null && !binding.getGroup().isBlank()) {
                names.add(name);
            }
        });
        List<ConsumerBinding> result = new ArrayList<>();
        for (String name : names) {
            RocketMqBinding extension = rocketMq.get(name);
            RocketMqConsumer consumer = extension == null || extension.getConsumer() == null
                    ? new RocketMqConsumer() : extension.getConsumer();
            boolean enabled = first(consumer.getEnabled(), defaults.getEnabled(), Boolean.TRUE);
            if (!enabled) {
                continue;
            }
            StreamBinding stream = bindings.getOrDefault(name, new StreamBinding());
            result.add(new ConsumerBinding(name, stream.getDestination(), stream.getGroup(),
                    first(consumer.getConsumeFromWhere(), defaults.getConsumeFromWhere()),
                    first(consumer.getConsumeTimestamp(), defaults.getConsumeTimestamp()),
                    first(consumer.getNameServer(), defaults.getNameServer(), binderLevel.getNameServer(),
                            DEFAULT_NAME_SERVER),
                    first(consumer.getAccessKey(), defaults.getAccessKey(), binderLevel.getAccessKey()),
                    first(consumer.getSecretKey(), defaults.getSecretKey(), binderLevel.getSecretKey())));
        }
        return result;
    }

    @SafeVarargs
    private static <T> @Nullable T first(@Nullable T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null && !(candidate instanceof String s && s.isBlank())) {
                return candidate;
            }
        }
        return null;
    }

    /** The Spring Cloud Stream part of a binding. */
    public static class StreamBinding {
        private String destination;
        private String group;

        public String getDestination() {
            return destination;
        }

        public void setDestination(String destination) {
            this.destination = destination;
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }
    }

    /** The RocketMQ binder's extension of a binding. */
    public static class RocketMqBinding {
        private RocketMqConsumer consumer;

        public RocketMqConsumer getConsumer() {
            return consumer;
        }

        public void setConsumer(RocketMqConsumer consumer) {
            this.consumer = consumer;
        }
    }

    /** The consumer properties of the RocketMQ binder that matter for positioning. */
    public static class RocketMqConsumer {
        private ConsumeFromWhere consumeFromWhere;
        private String consumeTimestamp;
        private Boolean enabled;
        private String nameServer;
        private String accessKey;
        private String secretKey;

        public ConsumeFromWhere getConsumeFromWhere() {
            return consumeFromWhere;
        }

        public void setConsumeFromWhere(ConsumeFromWhere consumeFromWhere) {
            this.consumeFromWhere = consumeFromWhere;
        }

        public String getConsumeTimestamp() {
            return consumeTimestamp;
        }

        public void setConsumeTimestamp(String consumeTimestamp) {
            this.consumeTimestamp = consumeTimestamp;
        }

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getNameServer() {
            return nameServer;
        }

        public void setNameServer(String nameServer) {
            this.nameServer = nameServer;
        }

        public String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }
    }
}
