package dev.backtrack.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fault scenario on the run's {@link ProcessCluster} (see {@link SharedCluster}) with application instances in JVMs
 * of their own, killed after each test, also when it fails. Logs, stores and ledgers stay under
 * {@code target/reliability/<time>-<pid>/} for a look after a failure.
 */
@ExtendWith(SharedCluster.class)
abstract class ClusterScenario {

    static ProcessCluster cluster;
    static Path dir;
    private final List<AppInstance> apps = new ArrayList<>();

    @AfterEach
    void killApps() {
        apps.forEach(AppInstance::kill);
        apps.clear();
    }

    /** Starts {@code count} instances side by side, positioned at {@code consumeTimestamp}, and waits for them. */
    List<AppInstance> startApps(int count, String topic, String group, long consumeTimestamp,
            Map<String, String> extra) throws IOException {
        List<AppInstance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppInstance app = AppInstance.start("app-" + (char) ('a' + i) + "-" + group, dir, cluster.nameServer(),
                    topic, group, consumeTimestamp, extra);
            apps.add(app);
            started.add(app);
        }
        started.forEach(AppInstance::awaitReady);
        awaitTrue("the " + count + " instances online in group " + group, Duration.ofSeconds(120),
                () -> cluster.admin().onlineClients(group).size() == count);
        return started;
    }

    /** Whether the name server routes {@code topic} to {@code broker} now (false when it cannot tell). */
    static boolean routedTo(String topic, String broker) {
        try {
            return cluster.admin().route(topic).getQueueDatas().stream().map(QueueData::getBrokerName)
                    .anyMatch(broker::equals);
        } catch (RuntimeException e) {
            return false;
        }
    }

    static List<Path> ledgers(List<AppInstance> apps) {
        return apps.stream().map(AppInstance::ledger).toList();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The store time of a produced message, read from its broker. */
    static long storeTime(MessageLedger ledger, String id) throws Exception {
        long time = cluster.rawAdmin().viewMessage(ledger.topic(), ledger.offsetMsgId(id)).getStoreTimestamp();
        ledger.rememberStoreTime(id, time);
        return time;
    }

    static int size(String property, int ciDefault) {
        return Integer.getInteger("reliability." + property, ciDefault);
    }

    /** Waits until the condition holds; fails naming what was awaited. Exceptions while checking count as false. */
    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        await(what).atMost(timeout).until(condition::getAsBoolean);
    }

    /** Waits until the condition holds or the time is up; returns whether it held (the ledger then tells why). */
    static boolean poll(Duration timeout, BooleanSupplier condition) {
        try {
            await().atMost(timeout).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static ConditionFactory await() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }

    private static ConditionFactory await(String what) {
        return Awaitility.await(what).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }
}
