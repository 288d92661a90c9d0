package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM to an application that runs the embedded RocketMQ in-process (the Backtrack starter, as mq-example does)
 * while it consumes a backlog, then a start on the same store directory: no message is lost, and none that was
 * consumed before the stop comes again. The process must exit on its own after SIGTERM (shutdown hooks run, exit
 * code 143); how fast is measured elsewhere (BENCHMARKS.md), not asserted here.
 */
class StopOnSigtermTest {

    private static final Logger log = LoggerFactory.getLogger(StopOnSigtermTest.class);
    private static final int MESSAGES = 3_000;
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(60);
    private static final int SIGTERM_EXIT_CODE = 128 + 15;

    @TempDir
    Path dir;

    @Test
    void restartAfterSigtermNeitherLosesNorReplaysMessages() throws Exception {
        String topic = "sigterm-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "sigterm-group-" + UUID.randomUUID().toString().substring(0, 8);
        Path store = dir.resolve("store");
        int nameServerPort = anyFree();
        int brokerPort = freeBrokerPort();
        String nameServer = "127.0.0.1:" + nameServerPort;
        long start = System.currentTimeMillis() - 1;
        // 10 ms a message on 4 threads: the backlog takes several seconds, so the stop comes in the middle of it.
        Map<String, String> slow = Map.of("ledger.delay-millis", "10");

        AppInstance first = AppInstance.startWithEmbeddedBroker("sigterm-first", dir, store, nameServerPort,
                brokerPort, topic, group, start, slow).awaitReady();
        MessageLedger ledger = new MessageLedger(topic);
        try (LedgerProducer producer = new LedgerProducer(nameServer, ledger)) {
            producer.sendBulk(MESSAGES);
        }
        List<Path> firstLedger = List.of(first.ledger());
        waitFor("part of the backlog consumed").atMost(Duration.ofSeconds(180))
                .until(() -> ledger.receivedAtAll(firstLedger) >= MESSAGES / 10);

        long terminated = System.nanoTime();
        first.terminate();
        waitFor("the application to exit after SIGTERM").atMost(EXIT_PATIENCE).until(() -> !first.isAlive());
        long exitMillis = (System.nanoTime() - terminated) / 1_000_000;
        assertThat(first.exitValue()).as("exit code after SIGTERM (shutdown hooks ran)").isEqualTo(SIGTERM_EXIT_CODE);
        Set<String> beforeStop = MessageLedger.deliveries(firstLedger).keySet();
        assertThat(beforeStop.size()).as("stopped in the middle of the backlog").isLessThan(MESSAGES);

        AppInstance second = AppInstance.startWithEmbeddedBroker("sigterm-second", dir, store, nameServerPort,
                brokerPort, topic, group, start, slow).awaitReady();
        try {
            List<Path> both = List.of(first.ledger(), second.ledger());
            try {
                waitFor("every message consumed").atMost(Duration.ofSeconds(240))
                        .until(() -> ledger.receivedAtAll(both) == MESSAGES);
            } catch (ConditionTimeoutException e) {
                // the counts below say what is missing
            }
        } finally {
            second.stop();
        }

        Map<String, List<Long>> afterRestart = MessageLedger.deliveries(List.of(second.ledger()));
        Set<String> lost = new HashSet<>(ledger.ids());
        lost.removeAll(beforeStop);
        lost.removeAll(afterRestart.keySet());
        Set<String> replayed = new HashSet<>(beforeStop);
        replayed.retainAll(afterRestart.keySet());
        long duplicatesWithinARun = duplicates(MessageLedger.deliveries(firstLedger))
                + duplicates(afterRestart);
        String counts = MESSAGES + " sent, " + beforeStop.size() + " consumed before SIGTERM, "
                + afterRestart.size() + " after the restart; lost " + lost.size() + ", consumed before the stop and "
                + "again after it " + replayed.size() + " " + sample(replayed) + ", duplicates within one run "
                + duplicatesWithinARun;
        log.info("SIGTERM to exit {} ms (polled every 200 ms, shared machine; not asserted); {}", exitMillis, counts);
        assertThat(lost).as(counts).isEmpty();
        assertThat(replayed).as(counts).isEmpty();
        assertThat(duplicatesWithinARun).as(counts).isZero();
    }

    private static long duplicates(Map<String, List<Long>> deliveries) {
        return deliveries.values().stream().mapToLong(times -> times.size() - 1).sum();
    }

    private static String sample(Set<String> ids) {
        return ids.stream().sorted().limit(10).toList().toString();
    }

    private static ConditionFactory waitFor(String what) {
        return await().alias(what).pollInterval(Duration.ofMillis(200));
    }

    private static int freeBrokerPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = anyFree();
            if (port > 2 && port < 65534 && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback ports (p-2, p, p+1) for a broker");
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
