package dev.backtrack.test.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.TestClients;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stopping one broker of a running cluster, as when one machine goes down. */
class StopOneBrokerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);

    @Test
    void theStoppedBrokerLeavesTheRouteAndTheOtherKeepsServing(EmbeddedRocketMq mq) throws Exception {
        String topic = "stop-one-" + System.nanoTime();
        mq.createTopic(topic, 2);

        mq.stopBroker("broker-b");

        assertThat(mq.brokers()).extracting(EmbeddedBroker::name).containsExactly("broker-a");
        DefaultMQAdminExt admin = new DefaultMQAdminExt();
        admin.setNamesrvAddr(mq.nameServerAddress());
        admin.setInstanceName("stop-one-" + System.nanoTime());
        admin.start();
        try {
            assertThat(admin.examineTopicRouteInfo(topic).getQueueDatas()).extracting(QueueData::getBrokerName)
                    .containsExactly("broker-a");
            assertThat(admin.examineBrokerClusterInfo().getBrokerAddrTable()).containsOnlyKeys("broker-a");
        } finally {
            admin.shutdown();
        }
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        Set<String> sentThrough = new HashSet<>();
        try {
            for (int i = 0; i < 4; i++) {
                SendResult result = producer.send(new Message(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8)));
                sentThrough.add(result.getMessageQueue().getBrokerName());
            }
            assertThat(producer.fetchPublishMessageQueues(topic)).extracting(MessageQueue::getBrokerName)
                    .containsOnly("broker-a");
        } finally {
            TestClients.shutDownInBackground(producer);
        }
        assertThat(sentThrough).containsExactly("broker-a");
        assertThatThrownBy(() -> mq.stopBroker("broker-b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No running broker named 'broker-b'").hasMessageContaining("broker-a");
    }
}
