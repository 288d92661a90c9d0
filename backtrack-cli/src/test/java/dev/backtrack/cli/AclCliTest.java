package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.TestClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Scenario 7: the CLI against brokers with RocketMQ ACL 2.0; keys from options, a file or the environment. */
class AclCliTest {

    private static final String ACCESS_KEY = "backtrack-operator";
    private static final String SECRET_KEY = "cli-secret-" + UUID.randomUUID();

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().acl(ACCESS_KEY, SECRET_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "acl-orders";
    private static final String CLOSED = "127.0.0.1:1";

    @TempDir
    Path dir;

    private ListAppender<ILoggingEvent> logs;

    static CliRun run(Map<String, String> env, String... args) {
        return CliRun.of(List.of(args), "", env);
    }

    @BeforeAll
    static void ordersOnTheAclCluster(EmbeddedRocketMq mq) throws Exception {
        mq.createTopic(TOPIC, 2);
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress(), "acl-cli-producer",
                new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, SECRET_KEY)));
        try {
            for (int i = 0; i < 10; i++) {
                producer.send(new Message(TOPIC, ("order-" + i).getBytes(StandardCharsets.UTF_8)));
            }
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void noSecretAnywhere() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage()))
                .doesNotContain(SECRET_KEY));
    }

    @Test
    void theRightKeysFromAFileWorkForEveryCommandAndTheSecretIsNeverPrinted() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("secret"), SECRET_KEY + "\n");
        String[] keys = {"-n", MQ.nameServerAddress(), "--access-key", ACCESS_KEY, "--secret-key-file",
                keyFile.toString()};
        List<CliRun> runs = new ArrayList<>();
        runs.add(run(Map.of(), with(keys, "plan", "-g", "acl-file", "-t", TOPIC, "--to", "0", "--json")));
        runs.add(run(Map.of(), with(keys, "rewind", "-g", "acl-file", "-t", TOPIC, "--to", "0", "--yes", "--json")));
        runs.add(run(Map.of(), with(keys, "offsets", "-g", "acl-file", "-t", TOPIC, "--json")));
        runs.add(run(Map.of(), with(keys, "history", "-g", "acl-file", "--json")));
        for (CliRun run : runs) {
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(SECRET_KEY);
        }
        JsonNode rewind = JSON.readTree(runs.get(1).out());
        assertThat(rewind.get("messagesToReplay").asLong()).isEqualTo(10);
        JsonNode offsets = JSON.readTree(runs.get(2).out());
        assertThat(offsets.get("queues")).allSatisfy(q -> assertThat(q.get("committedOffset").asLong()).isZero());
        JsonNode history = JSON.readTree(runs.get(3).out());
        assertThat(history).hasSize(1);
        assertThat(history.toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void keysAndTheNameServerComeFromTheEnvironmentAndTheCommandLineWins() {
        Map<String, String> env = Map.of("NAMESRV_ADDR", MQ.nameServerAddress(), "BACKTRACK_ACCESS_KEY", ACCESS_KEY,
                "BACKTRACK_SECRET_KEY", SECRET_KEY);
        CliRun fromEnv = run(env, "offsets", "-g", "acl-env", "-t", TOPIC);
        assertThat(fromEnv.exit()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.out()).contains("broker-a");

        CliRun nWins = run(env, "offsets", "-n", CLOSED, "--timeout", "2s", "-g", "acl-env", "-t", TOPIC);
        assertThat(nWins.exit()).isEqualTo(1);
        assertThat(nWins.err()).contains("name server " + CLOSED + " does not answer");

        CliRun envClosed = run(Map.of("NAMESRV_ADDR", CLOSED, "BACKTRACK_ACCESS_KEY", ACCESS_KEY,
                "BACKTRACK_SECRET_KEY", SECRET_KEY), "offsets", "--timeout", "2s", "-g", "acl-env", "-t", TOPIC);
        assertThat(envClosed.exit()).isEqualTo(1);
        assertThat(envClosed.err()).contains("name server " + CLOSED + " does not answer");

        CliRun optionWins = run(Map.of("NAMESRV_ADDR", MQ.nameServerAddress(), "BACKTRACK_SECRET_KEY", "wrong"),
                "offsets", "-g", "acl-env", "-t", TOPIC, "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY);
        assertThat(optionWins.exit()).as(optionWins.err()).isZero();

        CliRun badEnvName = run(Map.of("NAMESRV_ADDR", "localhost"), "offsets", "-g", "acl-env", "-t", TOPIC);
        assertThat(badEnvName.exit()).isEqualTo(2);
        assertThat(badEnvName.err()).contains("'localhost' is not host:port");
    }

    @Test
    void wrongOrMissingKeysAreDeniedNamingTheOperationWithoutPrintingTheSecret() {
        String wrongSecret = "wrong-" + UUID.randomUUID();
        CliRun wrong = run(Map.of("BACKTRACK_SECRET_KEY", wrongSecret), "rewind", "-n", MQ.nameServerAddress(),
                "--access-key", ACCESS_KEY, "-g", "acl-wrong", "-t", TOPIC, "--to", "0", "--yes");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("Cannot read the min offset of " + TOPIC + " broker-a/0")
                .contains("denied it (RocketMQ ACL: check signature failed.)")
                .contains("check the access key and secret key").doesNotContain(wrongSecret);

        CliRun unknownUser = run(Map.of(), "offsets", "-n", MQ.nameServerAddress(), "--access-key", "nobody",
                "--secret-key", SECRET_KEY, "-g", "acl-wrong", "-t", TOPIC);
        assertThat(unknownUser.exit()).isEqualTo(1);
        assertThat(unknownUser.err()).contains("denied it (RocketMQ ACL: User:nobody is not found.)")
                .doesNotContain(SECRET_KEY);

        CliRun noKeys = run(Map.of(), "plan", "-n", MQ.nameServerAddress(), "-g", "acl-wrong", "-t", TOPIC, "--to", "0");
        assertThat(noKeys.exit()).isEqualTo(1);
        assertThat(noKeys.err()).contains("Cannot read the min offset").contains("denied it (RocketMQ ACL:");

        CliRun halfPair = run(Map.of("BACKTRACK_ACCESS_KEY", ACCESS_KEY), "plan", "-n", MQ.nameServerAddress(), "-g",
                "acl-wrong", "-t", TOPIC, "--to", "0");
        assertThat(halfPair.exit()).isEqualTo(2);
        assertThat(halfPair.err()).contains("needs both an access key and a secret key");
    }

    @Test
    void aBadSecretKeyFileIsAUsageErrorSayingWhatIsWrong() throws Exception {
        String[] base = {"plan", "-n", MQ.nameServerAddress(), "--access-key", ACCESS_KEY, "-g", "acl-file-bad", "-t",
                TOPIC, "--to", "0"};
        CliRun missing = run(Map.of(), with(base, "--secret-key-file", dir.resolve("nope").toString()));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Secret key file '" + dir.resolve("nope") + "' (--secret-key-file) does "
                + "not exist");
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        CliRun blank = run(Map.of(), with(base, "--secret-key-file", empty.toString()));
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).contains("(--secret-key-file) is empty");
        CliRun directory = run(Map.of(), with(base, "--secret-key-file", dir.toString()));
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("(--secret-key-file) is not a regular file");
        Path good = Files.writeString(dir.resolve("good"), SECRET_KEY);
        CliRun both = run(Map.of(), with(base, "--secret-key-file", good.toString(), "--secret-key", SECRET_KEY));
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--secret-key or --secret-key-file, not both");
    }

    @Test
    void helpSaysWhereKeysAndTheNameServerCanComeFrom() {
        CliRun help = run(Map.of(), "rewind", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--secret-key-file").contains("BACKTRACK_SECRET_KEY")
                .contains("BACKTRACK_ACCESS_KEY").contains("NAMESRV_ADDR").contains("Shown by ps")
                .contains("--allow-partial");
    }

    private static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        // the command name goes first
        if (!List.of("plan", "rewind", "offsets", "history").contains(all.get(0))) {
            String command = more[0];
            all.remove(first.length);
            all.add(0, command);
        }
        return all.toArray(String[]::new);
    }
}
