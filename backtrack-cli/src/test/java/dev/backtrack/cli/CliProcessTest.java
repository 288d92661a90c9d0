package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as operators run it: its own JVM, ending with System.exit. */
class CliProcessTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRewindWhoseRecordFailsExitsZeroWithTheWarningAndTheProcessEnds(EmbeddedRocketMq mq, @TempDir Path dir)
            throws Exception {
        String topic = "cli-process-orders";
        String journal = "cli-process-read-only-journal";
        mq.createTopic(topic, 2);
        MQ.rocketMq().createReadOnlyTopic(journal);
        long before = System.currentTimeMillis() - 1;
        TestClients.send(MQ.nameServerAddress(), topic, "m-", 5);

        Path out = dir.resolve("out.json");
        Path err = dir.resolve("err.txt");
        Process cli = new ProcessBuilder(CliRun.processCommand(CliRun.withCluster(MQ.nameServerAddress(), "rewind", "-g",
                "cli-process-group", "-t", topic, "--to", Long.toString(before), "--yes", "--json", "--journal-topic",
                journal)))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("the CLI process exits").isTrue();
        assertThat(cli.exitValue()).as(Files.readString(err)).isZero();
        JsonNode result = JSON.readTree(out.toFile());
        assertThat(result.get("dryRun").asBoolean()).isFalse();
        assertThat(result.get("warnings")).hasSize(1);
        assertThat(result.get("warnings").get(0).asText())
                .startsWith("offsets moved; the record could not be written: ").contains(journal);
        assertThat(result.get("verifiedOffsets").size()).isEqualTo(2);
    }

    /**
     * What a rewind loads is what bin/backtrack archives on a jar's first run (ArchivedClasses), so a later run maps
     * it whatever the first run was. Classes the JVM makes at run time (lambdas, proxies, reflection accessors) cannot
     * be listed. To refresh the list after a change, run this test with {@code -Dbacktrack.archived-classes.write=true}:
     * it adds what the rewind loaded to the source file.
     */
    @Test
    void theArchivedClassListHoldsWhatARewindLoads(EmbeddedRocketMq mq, @TempDir Path dir) throws Exception {
        String topic = "cli-process-archived";
        mq.createTopic(topic, 4);
        TestClients.send(MQ.nameServerAddress(), topic, "a-", 8);
        Path loadedLog = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(CliRun.processCommand(CliRun.withCluster(MQ.nameServerAddress(),
                "rewind", "-g", "cli-process-archived-group", "-t", topic, "--to", "1h ago", "--yes", "--json")));
        command.add(1, "-Xlog:class+load:file=" + loadedLog);
        Process cli = new ProcessBuilder(command).redirectOutput(dir.resolve("out.json").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).as("the CLI process exits").isTrue();
        assertThat(cli.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();

        Set<String> loaded = new TreeSet<>();
        for (String line : Files.readAllLines(loadedLog)) {
            String[] words = line.split(" ");
            if (words.length > 1 && !madeAtRunTime(words[1])) {
                loaded.add(words[1]);
            }
        }
        Set<String> listed = new TreeSet<>(ArchivedClassesTest.listed());
        if (Boolean.getBoolean("backtrack.archived-classes.write")) {
            listed.addAll(loaded);
            Files.write(Path.of("src/main/resources", ArchivedClasses.LIST), listed);
        }
        List<String> missing = loaded.stream().filter(name -> !listed.contains(name)).toList();
        assertThat(loaded).hasSizeGreaterThan(1_000);
        assertThat(missing).as("classes a rewind loads that %s does not list (of %d loaded): refresh it as this "
                + "test's Javadoc says", ArchivedClasses.LIST, loaded.size())
                .hasSizeLessThanOrEqualTo(loaded.size() * 3 / 100);
    }

    private static boolean madeAtRunTime(String name) {
        return name.contains("/0x") || name.contains("$$Lambda") || name.startsWith("jdk.internal.reflect.Generated")
                || name.startsWith("jdk.proxy") || name.startsWith("com.sun.proxy");
    }

    @Test
    void aClientWhoseNetworkThreadsWereStoppedNoLongerReachesTheCluster() {
        Set<String> before = Set.copyOf(MQClientManager.getInstance().getFactoryTable().keySet());
        try (RocketMqAdmin admin = new RocketMqAdmin(new AdminSettings(MQ.nameServerAddress(), null, null,
                TestClients.CALL_TIMEOUT))) {
            admin.requireReachable();
            List<MQClientInstance> mine = MQClientManager.getInstance().getFactoryTable().entrySet().stream()
                    .filter(entry -> !before.contains(entry.getKey())).map(Map.Entry::getValue).toList();
            assertThat(mine).hasSize(1);

            NetworkThreadsStopper.stop(mine);

            assertThatThrownBy(admin::requireReachable).isInstanceOf(RewindException.class)
                    .hasMessageContaining(MQ.nameServerAddress());
        }
    }
}
