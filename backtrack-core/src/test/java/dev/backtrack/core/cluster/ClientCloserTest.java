package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ClientCloserTest {

    @Test
    void runsTheShutdownsInOrderOnANamedDaemonThreadWithoutHoldingTheCaller() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        ClientCloser.inBackground("closer-under-test", () -> {
            awaitQuietly(release);
            ran.add("first on " + Thread.currentThread().getName() + ", daemon " + Thread.currentThread().isDaemon());
        }, () -> ran.add("second"));
        assertThat(ran).as("the caller returned while the first shutdown still waits").isEmpty();
        release.countDown();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ran.equals(List.of("first on closer-under-test, daemon true", "second")));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
