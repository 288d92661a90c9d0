package dev.backtrack.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.benchmarks.produce.ProducingApplication;
import dev.backtrack.benchmarks.replay.CountingConsumerApplication.BenchOrder;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.test.TestClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The produce benchmark compares the same message on both paths: an order record sent through the binding is stored as
 * the same kilobyte of JSON the raw producer sends. With fastjson 1.2.83 on the class path the record was stored as
 * {@code {}}.
 */
class BindingPayloadTest {

    @Test
    void anOrderRecordSentThroughTheBindingIsStoredAsTheRawProducersJson(@TempDir Path store) throws Exception {
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store).build()).start()) {
            mq.createTopic("payload-check", 1);
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducingApplication.class)
                    .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).run(
                            "--spring.cloud.stream.bindings.out.destination=payload-check",
                            "--spring.cloud.stream.bindings.out.content-type=application/json",
                            "--spring.cloud.stream.rocketmq.binder.name-server=" + mq.nameServerAddress(),
                            "--spring.cloud.stream.rocketmq.bindings.out.producer.group=payload-check-producer",
                            "--spring.cloud.stream.rocketmq.bindings.out.producer.sync=true")) {
                assertThat(context.getBean(StreamBridge.class)
                        .send("out", new BenchOrder(42, ReplayThroughputBenchmark.padding(42)))).isTrue();
            }
            byte[] stored = readFirst(mq.nameServerAddress(), new MessageQueue("payload-check", "broker-a", 0));
            ObjectMapper json = new ObjectMapper();
            assertThat(stored).hasSize(ReplayThroughputBenchmark.MESSAGE_BYTES);
            assertThat(json.readTree(stored)).isEqualTo(json.readTree(ReplayThroughputBenchmark.jsonBody(42)));
        }
    }

    private static byte[] readFirst(String nameServer, MessageQueue queue) throws Exception {
        DefaultLitePullConsumer consumer =
                TestClients.sizedForLoad(new DefaultLitePullConsumer("payload-check-reader"));
        consumer.setNamesrvAddr(nameServer);
        consumer.setAutoCommit(false);
        consumer.assign(List.of(queue));
        consumer.start();
        try {
            consumer.seek(queue, 0);
            List<MessageExt> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.addAll(consumer.poll(500)));
            return received.get(0).getBody();
        } finally {
            consumer.shutdown();
        }
    }
}
