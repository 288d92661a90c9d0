package dev.backtrack.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The seed's walkthrough with its own YAML: produce and consume; set consumeTimestamp before the message's store
 * time and restart: the message comes again, exactly once; restart with the same setting: no replay; a new setting
 * applies once more.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeedWalkthroughTest {

    private static final DateTimeFormatter MILLIS_FORM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path store;

    @Test
    void consumeTimestampReplaysStoredMessagesOncePerSetting(CapturedOutput output) throws Exception {
        long firstStoreTime;
        try (ConfigurableApplicationContext app = start(null)) {
            ExampleApp.produce(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 1);
            assertThat(count(output)).isEqualTo(1);
            firstStoreTime = ExampleApp.storeTimeOfFirstOrder(app);
        }

        String beforeFirst = MILLIS_FORM.format(Instant.ofEpochMilli(firstStoreTime - 1));
        try (ConfigurableApplicationContext app = start(beforeFirst)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 2);
            assertThat(count(output)).isEqualTo(2);
            assertThat(output.getOut()).contains("consumeTimestamp " + beforeFirst + " = ")
                    .contains("1 messages will be replayed");
        }

        try (ConfigurableApplicationContext app = start(beforeFirst)) {
            assertThat(output.getOut()).contains("consumeTimestamp " + beforeFirst + " was applied before");
            ExampleApp.produce(app);
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 3);
            assertThat(count(output)).isEqualTo(3);
        }

        String atFirst = MILLIS_FORM.format(Instant.ofEpochMilli(firstStoreTime));
        try (ConfigurableApplicationContext app = start(atFirst)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(output) >= 5);
            assertThat(count(output)).isEqualTo(5);
            assertThat(output.getOut()).contains("consumeTimestamp " + atFirst + " = ")
                    .contains("2 messages will be replayed");
        }
    }

    private ConfigurableApplicationContext start(String consumeTimestamp) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--backtrack.zone=UTC",
                "--backtrack.embedded.store-dir=" + store,
                "--backtrack.embedded.name-server-port=0",
                "--backtrack.embedded.broker-port=0"));
        if (consumeTimestamp != null) {
            args.add("--spring.cloud.stream.rocketmq.bindings.input-backtracking.consumer.consumeTimestamp="
                    + consumeTimestamp);
        }
        return new SpringApplicationBuilder(MqBootstrapApplication.class).run(args.toArray(String[]::new));
    }


    private static int count(CapturedOutput output) {
        return ExampleApp.ordersReceived(output.getOut());
    }
}
