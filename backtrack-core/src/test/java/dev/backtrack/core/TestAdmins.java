package dev.backtrack.core;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.TestClients;
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

    /**
     * Settings for a test's own admin: no ACL, and the tests' call timeout ({@link TestClients#CALL_TIMEOUT})
     * instead of the 5 s default, which a loaded machine can exceed.
     */
    public static AdminSettings settings(String nameServer) {
        return new AdminSettings(nameServer, null, null, TestClients.CALL_TIMEOUT);
    }

    /** The admin of the shared cluster that this extension runs (call it once the cluster is started). */
    public static RocketMqAdmin of(EmbeddedRocketMqExtension mq) {
        return ADMINS.computeIfAbsent(mq.nameServerAddress(), nameServer -> {
            RocketMqAdmin admin = new RocketMqAdmin(settings(nameServer));
            Runtime.getRuntime().addShutdownHook(new Thread(admin::close, "test-admin-close"));
            return admin;
        });
    }
}
