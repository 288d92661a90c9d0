package dev.backtrack.test.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded servers start without TLS (no self-signed certificate to generate) and serve plain clients. */
class PlainTextServersTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void theServersRunWithoutTlsAndPlainClientsSendAndReceive(EmbeddedRocketMq mq) throws Exception {
        assertThat(System.getProperty(TlsSystemConfig.TLS_SERVER_MODE)).as("no mode set for this JVM").isNull();
        assertThat(TlsSystemConfig.tlsMode).isEqualTo(TlsMode.DISABLED);
        String topic = "plain-text";
        mq.createTopic(topic, 1);
        DefaultMQProducer producer = new DefaultMQProducer("plain-text-producer");
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        try (RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(), "plain-text-g", topic)) {
            assertThat(producer.send(new Message(topic, "p-0".getBytes(StandardCharsets.UTF_8))).getSendStatus())
                    .isEqualTo(SendStatus.SEND_OK);
            consumer.awaitLabels(Set.of("p-0"), Duration.ofSeconds(60));
        } finally {
            TestClients.shutDownInBackground(producer);
        }
    }
}
