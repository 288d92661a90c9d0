package dev.backtrack.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.auth.config.AuthConfig;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.ConfigManager;
import org.apache.rocketmq.common.ServiceThread;
import org.apache.rocketmq.remoting.RemotingServer;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.MessageStore;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.apache.rocketmq.store.exception.StoreException;
import org.apache.rocketmq.store.queue.ConsumeQueueStoreInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RocketMQ broker whose shutdown makes everything durable first and then skips RocketMQ's fixed waits. RocketMQ's
 * own shutdown sleeps 3 s in the message store (to let requests in flight finish) and joins threads that poll with
 * multi-second timeouts. Here requests are stopped and drained explicitly (bounded), consumer offsets, topics,
 * subscriptions, delay offsets, the commit log, the consume queues and the checkpoint are persisted and flushed, and
 * only then does RocketMQ's shutdown run, without its grace sleep.
 */
final class FastStoppingBrokerController extends BrokerController {

    /** The thread-name prefix of the threads that stop brokers; the log bridge knows their expected interruptions. */
    static final String STOPPING_THREAD_PREFIX = "embedded-rocketmq-stop";

    private static final Logger log = LoggerFactory.getLogger(FastStoppingBrokerController.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private boolean stopped;

    FastStoppingBrokerController(BrokerConfig brokerConfig, NettyServerConfig nettyServerConfig,
            NettyClientConfig nettyClientConfig, MessageStoreConfig messageStoreConfig, AuthConfig authConfig) {
        super(brokerConfig, nettyServerConfig, nettyClientConfig, messageStoreConfig, authConfig);
    }

    /** Before {@code start()}: threads whose shutdown would only wait are not joined. */
    void prepareFastStop() {
        // With pop buffer merging off (RocketMQ's default) this thread holds nothing, yet it sleeps 2 s after being
        // stopped; as a daemon its shutdown does not join it.
        getPopMessageProcessor().getPopBufferMergeService().setDaemon(true);
        // Woken by its shutdown, it runs one more check of the half messages, which sleeps 1 s per empty round and
        // finds the store closed; it holds no port, file or lock, so it is not waited for either.
        if (getTransactionalMessageCheckService() != null) {
            getTransactionalMessageCheckService().setDaemon(true);
        }
    }

    @Override
    public synchronized void shutdown() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (getMessageStore() != null) { // null when the broker failed to initialise
                stopIntake();
                drainRequests();
                stopStoreReaders();
                makeDurable();
                shutdownStoreWithoutGrace();
            }
            EventExecutorWakeUp.stopAndWake(getBrokerOuterAPI().getRemotingClient());
        } catch (RuntimeException e) {
            log.warn("Broker {}: the fast stop failed ({}); RocketMQ's own shutdown follows",
                    getBrokerConfig().getBrokerName(), e.toString(), e);
        } finally {
            super.shutdown(); // what is already stopped is skipped
        }
    }

    /** Closes the listening ports: no new request comes in. */
    private void stopIntake() {
        for (RemotingServer server : new RemotingServer[] {getRemotingServer(), getFastRemotingServer()}) {
            if (server != null) {
                EventExecutorWakeUp.stopAndWake(server);
                server.shutdown();
            }
        }
    }

    /** Lets the requests already received finish (what RocketMQ's 3 s sleep is for), at most {@link #DRAIN_TIMEOUT}. */
    private void drainRequests() {
        List<ExecutorService> executors = new ArrayList<>();
        for (ExecutorService executor : new ExecutorService[] {sendMessageExecutor, putMessageFutureExecutor,
                pullMessageExecutor, litePullMessageExecutor, ackMessageExecutor, consumerManageExecutor,
                adminBrokerExecutor, endTransactionExecutor, replyMessageExecutor, clientManageExecutor,
                heartbeatExecutor, queryMessageExecutor}) {
            if (executor != null) {
                executor.shutdown();
                executors.add(executor);
            }
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (ExecutorService executor : executors) {
            try {
                if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("Broker {}: requests still running after {} ms; stopping anyway",
                            getBrokerConfig().getBrokerName(), DRAIN_TIMEOUT.toMillis());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops the background services that use the store (pop revive side by side, timer, delayed delivery) while it
     * still serves them: once the store is closed they retry against it for seconds before their shutdown returns.
     * Stopping them twice is a no-op, so RocketMQ's own shutdown passes over them.
     */
    private void stopStoreReaders() {
        ServiceThread[] revivers = getAckMessageProcessor().getPopReviveServices();
        if (revivers != null) {
            // As for a master turning slave: a scan under way ends at its next step instead of after seconds.
            getAckMessageProcessor().setPopReviveServiceStatus(false);
            for (ServiceThread reviver : revivers) {
                reviver.makeStop();
                reviver.wakeup();
            }
            getAckMessageProcessor().shutdownPopReviveService();
        }
        if (getTimerMessageStore() != null) {
            // RocketMQ unmaps the wheel without forcing it to disk, and the embedded broker forces it only every 30 s
            // (EmbeddedBroker): force it while it is still mapped.
            getTimerMessageStore().getTimerWheel().flush();
            getTimerMessageStore().shutdown();
        }
        if (getScheduleMessageService() != null) {
            // Delivers what is due and persists its delay offsets. Once the store is closed its delivery tasks wait
            // 10 s to retry, and its stop waits 5 s for them.
            getScheduleMessageService().stop();
        }
    }

    /** Persists offsets and metadata and flushes the commit log, the consume queues and the checkpoint. */
    private void makeDurable() {
        for (ConfigManager config : new ConfigManager[] {getConsumerOffsetManager(), getTopicConfigManager(),
                getSubscriptionGroupManager(), getConsumerFilterManager(), getScheduleMessageService()}) {
            if (config != null) {
                config.persist();
            }
        }
        if (getConsumerOrderInfoManager() != null) { // an interface of its own since RocketMQ 5.5
            getConsumerOrderInfoManager().persist();
        }
        MessageStore store = getMessageStore();
        store.flush();
        ConsumeQueueStoreInterface queues = store.getQueueStore();
        if (queues != null) {
            try {
                queues.flush(); // every consume queue, whatever it holds unflushed
            } catch (StoreException e) {
                log.warn("Broker {}: flushing the consume queues failed ({}); RocketMQ's shutdown flushes them again",
                        getBrokerConfig().getBrokerName(), e.toString(), e);
            }
        }
        if (store.getStoreCheckpoint() != null) {
            store.getStoreCheckpoint().flush();
        }
    }

    /**
     * Shuts the message store down without its fixed 3 s sleep: with this thread's interrupt flag set, its first wait
     * ends at once (one expected InterruptedException, which the log bridge drops) and the flag is cleared by it; the
     * rest of its shutdown (dispatch, final flushes, checkpoint, lock release) runs as usual.
     */
    private void shutdownStoreWithoutGrace() {
        boolean wasInterrupted = Thread.interrupted();
        Thread.currentThread().interrupt();
        try {
            getMessageStore().shutdown();
        } finally {
            Thread.interrupted();
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
