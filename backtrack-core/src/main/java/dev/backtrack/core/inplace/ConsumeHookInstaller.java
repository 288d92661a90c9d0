package dev.backtrack.core.inplace;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.hook.ConsumeMessageHook;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.jspecify.annotations.Nullable;

/**
 * Adds a {@link ConsumeMessageHook} to a push consumer that may be consuming already. RocketMQ's client keeps a
 * consumer's hooks in a plain {@code ArrayList} that every consume thread walks without a lock, so its own
 * {@code registerConsumeMessageHook} on a running consumer can fail a consume thread that walks the list at that
 * instant (a {@code ConcurrentModificationException}: the batch is left unacknowledged until a restart or a
 * rebalance). This installer never changes a list a thread may be walking: it puts a new list, the old hooks and the
 * new one, in the consumer's place for it (the field is written with volatile semantics), so a thread walking the old
 * list finishes with the old hooks and the next batch sees the new list.
 */
final class ConsumeHookInstaller {

    /** The field of {@link DefaultMQPushConsumerImpl} (rocketmq-client 5.x) holding the consume hooks. */
    static final String HOOK_LIST_FIELD = "consumeMessageHookList";
    private static final @Nullable Field HOOKS = field(HOOK_LIST_FIELD);
    private static final Object LOCK = new Object();

    private ConsumeHookInstaller() {
    }

    /**
     * Adds {@code hook} to {@code consumer}'s consume hooks without changing the list its consume threads walk.
     *
     * @throws IllegalStateException when this client keeps its hooks elsewhere (another rocketmq-client version);
     *         nothing was added then
     */
    static void add(DefaultMQPushConsumerImpl consumer, ConsumeMessageHook hook) {
        if (HOOKS == null) {
            throw new IllegalStateException("this rocketmq-client keeps no '" + HOOK_LIST_FIELD + "' list of type "
                    + "ArrayList in " + DefaultMQPushConsumerImpl.class.getSimpleName()
                    + ", so a hook cannot be added to a running consumer safely");
        }
        synchronized (LOCK) { // two hooks added at once would each drop the other
            try {
                @SuppressWarnings("unchecked")
                List<ConsumeMessageHook> current = (List<ConsumeMessageHook>) HOOKS.get(consumer);
                ArrayList<ConsumeMessageHook> replacement = new ArrayList<>(current);
                replacement.add(hook);
                HOOKS.set(consumer, replacement);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot replace the consume hooks of the consumer of group '"
                        + consumer.groupName() + "': " + e, e);
            }
        }
    }

    private static @Nullable Field field(String name) {
        try {
            Field field = DefaultMQPushConsumerImpl.class.getDeclaredField(name);
            if (field.getType() != ArrayList.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
