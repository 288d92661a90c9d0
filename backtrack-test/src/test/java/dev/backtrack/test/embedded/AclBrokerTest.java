package dev.backtrack.test.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Brokers started with RocketMQ ACL 2.0 accept only requests signed by their user. */
class AclBrokerTest {

    private static final String ACCESS_KEY = "backtrack-admin";
    private static final String SECRET_KEY = "s3cret-" + UUID.randomUUID();

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().acl(ACCESS_KEY, SECRET_KEY);

    @Test
    void signedRequestsAreServedOthersAreDenied(EmbeddedRocketMq mq) throws Exception {
        assertThat(mq.config().aclEnabled()).isTrue();
        String topic = "acl-topic";
        mq.createTopic(topic, 1);

        DefaultMQProducer signed = producer(mq, new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, SECRET_KEY)));
        try {
            assertThat(signed.send(message(topic)).getSendStatus()).isEqualTo(SendStatus.SEND_OK);
        } finally {
            signed.shutdown();
        }
        for (RPCHook wrong : new RPCHook[] {null,
                new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, "wrong-secret")),
                new AclClientRPCHook(new SessionCredentials("nobody", SECRET_KEY))}) {
            DefaultMQProducer denied = producer(mq, wrong);
            try {
                assertThatThrownBy(() -> denied.send(message(topic)))
                        .satisfies(e -> assertThat(brokerCode(e)).isEqualTo(ResponseCode.NO_PERMISSION));
            } finally {
                denied.shutdown();
            }
        }
    }

    @Test
    void aBlankKeyIsRejected() {
        assertThatThrownBy(() -> EmbeddedRocketMqConfig.builder(java.nio.file.Path.of("x")).acl("admin", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank");
    }

    private static DefaultMQProducer producer(EmbeddedRocketMq mq, RPCHook hook) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("acl-producer-" + UUID.randomUUID(), hook);
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        return producer;
    }

    private static int brokerCode(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MQBrokerException broker) {
                return broker.getResponseCode();
            }
        }
        throw new AssertionError("No broker error in " + e, e);
    }

    private static Message message(String topic) {
        return new Message(topic, "hello".getBytes(StandardCharsets.UTF_8));
    }
}
