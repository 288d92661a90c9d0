package dev.backtrack.cli;

import io.netty.channel.EventLoopGroup;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.remoting.RemotingClient;
import org.apache.rocketmq.remoting.netty.NettyRemotingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the network threads of the RocketMQ clients still open in this process, at once, just before the CLI exits.
 * HotSpot's exit waits up to 300 ms for threads blocked in native code, and a client's selector thread is one until
 * its client has shut down, which takes longer; nothing is left to send or receive at that point.
 */
final class NetworkThreadsStopper {

    private static final Logger log = LoggerFactory.getLogger(NetworkThreadsStopper.class);
    private static final long WAIT_MILLIS = 200;

    private NetworkThreadsStopper() {
    }

    /** Stops the selector threads of every client instance still registered; never fails. */
    static void stopAll() {
        stop(MQClientManager.getInstance().getFactoryTable().values());
    }

    /** Stops the selector threads of the given client instances; never fails. */
    static void stop(Collection<MQClientInstance> instances) {
        try {
            Field worker = NettyRemotingClient.class.getDeclaredField("eventLoopGroupWorker");
            worker.setAccessible(true);
            List<EventLoopGroup> groups = new ArrayList<>();
            for (MQClientInstance instance : instances) {
                RemotingClient client = instance.getMQClientAPIImpl().getRemotingClient();
                if (client instanceof NettyRemotingClient netty) {
                    EventLoopGroup group = (EventLoopGroup) worker.get(netty);
                    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
                    groups.add(group);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            for (EventLoopGroup group : groups) {
                group.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("Could not stop the RocketMQ clients' network threads before exiting: {}", e.toString());
        }
    }
}
