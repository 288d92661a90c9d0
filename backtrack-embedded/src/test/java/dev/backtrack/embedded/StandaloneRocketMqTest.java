package dev.backtrack.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone name server and broker: argument checks; a broker killed with SIGKILL restarts over its store. */
class StandaloneRocketMqTest {

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void rejectsBadArgumentsSayingWhatIsAccepted() {
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[0])).hasMessageContaining("namesrv or broker");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"proxy"}))
                .hasMessage("Unknown server 'proxy'; accepted: namesrv or broker");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"namesrv", "98765", "x"}))
                .hasMessageContaining("Port 98765 is out of range; accepted: 0 (any free port) or 1 to 65534");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"namesrv", "abc", "x"}))
                .hasMessageContaining("The port 'abc' is not a whole number");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"broker", "a", "127.0.0.1:9876", "0"}))
                .hasMessage("broker takes 4 or 5 arguments, got 3");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"broker", "a b", "127.0.0.1:9876", "0", "x"}))
                .hasMessageContaining("Broker name 'a b' is not accepted");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"broker", "a", "localhost", "0", "x"}))
                .hasMessageContaining("Name server address 'localhost' is not host:port");
        assertThatThrownBy(() -> StandaloneRocketMq.parse(new String[] {"broker", "a", "h:1", "0", "x", "1000"}))
                .hasMessageContaining("at least 1048576 bytes");
        assertThat(StandaloneRocketMq.parse(new String[] {"broker", "broker-a", "127.0.0.1:9876", "10911", "s"}))
                .satisfies(server -> {
                    assertThat(server.broker()).isTrue();
                    assertThat(server.port()).isEqualTo(10911);
                    assertThat(server.storeDir()).isEqualTo(Path.of("s").toAbsolutePath());
                });
    }

    @Test
    void badArgumentsExitWithCodeTwoAndTheUsage() throws Exception {
        Path out = dir.resolve("bad.log");
        Process process = start(out, "broker", "broker-a");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(StandaloneRocketMq.USAGE_EXIT_CODE);
        assertThat(Files.readString(out)).contains("broker takes 4 or 5 arguments, got 1").contains("Usage:");
    }

    @Test
    void brokerKilledWithSigkillRestartsOverItsStoreWithItsMessages() throws Exception {
        String nameServer = ready(start(dir.resolve("namesrv.log"), "namesrv", "0", dir.resolve("ns").toString()),
                dir.resolve("namesrv.log")).split(" ")[1];
        int port = LoopbackPorts.freeBrokerPort();
        String[] brokerArgs = {"broker", "broker-a", nameServer, Integer.toString(port),
            dir.resolve("store").toString(), Integer.toString(4 * 1024 * 1024)};
        Process broker = start(dir.resolve("broker-1.log"), brokerArgs);
        assertThat(ready(broker, dir.resolve("broker-1.log"))).isEqualTo("broker broker-a 127.0.0.1:" + port);

        String topic = "standalone-" + UUID.randomUUID().toString().substring(0, 8);
        DefaultMQProducer producer = TestClients.producer(nameServer);
        try {
            // The first send also creates the topic: retried until the name server routes the new broker.
            Message first = new Message(topic, "m0".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> producer.send(first).getSendStatus() == SendStatus.SEND_OK);
            for (int i = 1; i < 10; i++) {
                Message message = new Message(topic, ("m" + i).getBytes(StandardCharsets.UTF_8));
                assertThat(producer.send(message).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            }
        } finally {
            producer.shutdown();
        }

        broker.destroyForcibly();
        assertThat(broker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Process restarted = start(dir.resolve("broker-2.log"), brokerArgs);
        ready(restarted, dir.resolve("broker-2.log"));

        Set<String> bodies = TestClients.receiveBodies(nameServer, topic, 10, Duration.ofSeconds(60));
        assertThat(bodies).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    private Process start(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StandaloneRocketMq.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    /** Waits for the ready line and returns what follows {@link StandaloneRocketMq#READY}. */
    private static String ready(Process process, Path log) {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(StandaloneRocketMq.READY)) {
                    found[0] = line.substring(StandaloneRocketMq.READY.length());
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
