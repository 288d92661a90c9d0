package dev.backtrack.embedded;

import java.lang.reflect.Field;
import org.apache.rocketmq.common.ServiceThread;
import org.apache.rocketmq.remoting.netty.NettyEvent;
import org.apache.rocketmq.remoting.netty.NettyEventType;
import org.apache.rocketmq.remoting.netty.NettyRemotingAbstract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the channel-event thread of a RocketMQ remoting server or client end at once when it is shut down. That thread
 * polls its event queue with a 3 s timeout, and the shutdown joins it: it is marked stopped first, then woken with a
 * connect event that every listener treats as a statistic at most.
 */
public final class EventExecutorWakeUp {

    private static final Logger log = LoggerFactory.getLogger(EventExecutorWakeUp.class);
    private static final Field EXECUTOR = executorField();

    private EventExecutorWakeUp() {
    }

    /**
     * Marks the event thread of a RocketMQ remoting server or client (a {@code NettyRemotingAbstract}) stopped and
     * wakes it, so that its shutdown does not wait up to 3 s; a no-op for other objects. Call it only when the server
     * or client is about to shut down: from then on it no longer hands channel events to its listener.
     */
    public static void stopAndWake(Object remoting) {
        if (EXECUTOR == null || !(remoting instanceof NettyRemotingAbstract netty)) {
            return;
        }
        try {
            ServiceThread executor = (ServiceThread) EXECUTOR.get(netty);
            executor.makeStop();
            netty.putNettyEvent(new NettyEvent(NettyEventType.CONNECT, "", null));
        } catch (IllegalAccessException | RuntimeException e) {
            log.debug("Cannot wake the event thread of {}; its shutdown may wait up to 3 s", remoting, e);
        }
    }

    private static Field executorField() {
        try {
            Field field = NettyRemotingAbstract.class.getDeclaredField("nettyEventExecutor");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("RocketMQ's remoting event thread cannot be reached; shutdowns may wait up to 3 s", e);
            return null;
        }
    }
}
