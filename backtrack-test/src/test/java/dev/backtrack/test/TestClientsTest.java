package dev.backtrack.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/rocketmq-behaviour.md, row 33: a RocketMQ client starts a thread for its connection events, and its shutdown
 * joins that thread, which looks for the stop only every 3 s. The tests' producers shut down in the background, and a
 * recording consumer's close returns once the brokers no longer list it, not after that join.
 */
class TestClientsTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    /** RocketMQ's name for the thread ({@code NettyRemotingAbstract.NettyEventExecutor}). */
    private static final String EVENT_THREAD = "NettyEventExecutor";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aClientAsRocketMqBuildsItStartsTheConnectionEventThreadAndItsShutdownJoinsIt(EmbeddedRocketMq mq)
            throws Exception {
        Set<Thread> before = eventThreads();
        DefaultMQProducer producer = new DefaultMQProducer("plain-producer-" + UUID.randomUUID());
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.setInstanceName("plain-" + UUID.randomUUID());
        producer.start();
        Set<Thread> started = eventThreads();
        started.removeAll(before);

        producer.shutdown();

        assertThat(started).as("the producer's own connection-event thread").hasSize(1);
        assertThat(started.iterator().next().isAlive()).as("joined by the shutdown").isFalse();
    }

    @Test
    void aProducerShutDownInTheBackgroundStopsItsThreadAfterTheCallReturned(EmbeddedRocketMq mq) throws Exception {
        Set<Thread> before = eventThreads();
        DefaultMQProducer producer = TestClients.producer(mq.nameServerAddress());
        Set<Thread> started = eventThreads();
        started.removeAll(before);

        TestClients.shutDownInBackground(producer);

        assertThat(started).as("the producer's own connection-event thread").hasSize(1);
        Awaitility.await("the producer's shutdown").atMost(PATIENCE)
                .until(() -> !started.iterator().next().isAlive());
    }

    @Test
    void aClosedRecordingConsumerHasLeftItsGroupWhenCloseReturns(EmbeddedRocketMq mq) throws Exception {
        String topic = "test-clients-" + UUID.randomUUID().toString().substring(0, 8);
        String group = topic + "-g";
        mq.createTopic(topic);
        TestClients.send(mq.nameServerAddress(), topic, "m-", 1);
        DefaultMQAdminExt admin = TestClients.admin(mq.nameServerAddress());
        try {
            RecordingConsumer consumer = RecordingConsumer.start(mq.nameServerAddress(), group, topic);
            consumer.awaitLabels(Set.of("m-0"), PATIENCE);
            assertThat(admin.examineConsumerConnectionInfo(group).getConnectionSet()).hasSize(1);

            consumer.close();

            assertThatThrownBy(() -> admin.examineConsumerConnectionInfo(group))
                    .as("no consumer of the group is online").isInstanceOf(MQBrokerException.class)
                    .hasMessageContaining("not online");
        } finally {
            admin.shutdown();
        }
    }

    private static Set<Thread> eventThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(EVENT_THREAD))
                .collect(Collectors.toSet());
    }
}
