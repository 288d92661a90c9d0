package dev.backtrack.core;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RocketMqAdmin} per name server for the test JVM, closed when the JVM exits: for test classes on a
 * {@linkplain EmbeddedRocketMqExtension#shared() shared} cluster, which itself lives as long as the JVM.
 */
public final class TestAdmins {

    private static final Map<String, RocketMqAdmin> ADMINS = new ConcurrentHashMap<>();

    private TestAdmins() {
    }

    /** The admin of the shared cluster that this extension runs (call it once the cluster is started). */
    public static RocketMqAdmin of(EmbeddedRocketMqExtension mq) {
        return ADMINS.computeIfAbsent(mq.nameServerAddress(), nameServer -> {
            RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(nameServer));
            Runtime.getRuntime().addShutdownHook(new Thread(admin::close, "test-admin-close"));
            return admin;
        });
    }
}
