package dev.backtrack.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.rocketmq.client.ClientConfig;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.MQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.jspecify.annotations.Nullable;

/**
 * Plain RocketMQ clients for tests, with the one set of timeouts every test uses: sized for a loaded 2-core machine
 * running several test JVMs with brokers of their own, where RocketMQ's defaults (3 s for a send and for most client
 * calls) are exceeded now and then although nothing is wrong. Consumers: {@link RecordingConsumer}.
 * <pre>{@code
 * DefaultMQProducer producer = TestClients.producer(MQ.nameServerAddress());
 * DefaultMQAdminExt admin = TestClients.admin(MQ.nameServerAddress());
 * }</pre>
 */
public final class TestClients {

    /** How long a test's send may take before RocketMQ gives up (its default is 3 s). */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** How long a test client's call to a name server or broker may take (RocketMQ's default is 3 s). */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private TestClients() {
    }

    /** A started producer of a group of its own on the cluster of {@code nameServer}. */
    public static DefaultMQProducer producer(String nameServer) throws MQClientException {
        return started(newProducer(nameServer, "test-producer-" + UUID.randomUUID(), null));
    }

    /**
     * Sends {@code count} messages to {@code topic} from a producer of its own, bodies {@code bodyPrefix + i} for i
     * from 0, one after another, and shuts the producer down; returns the send results in order.
     */
    public static List<SendResult> send(String nameServer, String topic, String bodyPrefix, int count)
            throws Exception {
        return send(nameServer, topic, count, i -> bodyPrefix + i);
    }

    /**
     * Sends {@code count} messages to {@code topic} from a producer of its own, bodies {@code body.apply(i)} for i
     * from 0 (e.g. {@code i -> "\"m-" + i + "\""} for JSON strings), one after another, and shuts the producer down;
     * returns the send results in order.
     */
    public static List<SendResult> send(String nameServer, String topic, int count, IntFunction<String> body)
            throws Exception {
        DefaultMQProducer producer = producer(nameServer);
        List<SendResult> results = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                results.add(producer.send(new Message(topic, body.apply(i).getBytes(StandardCharsets.UTF_8))));
            }
        } finally {
            shutDownInBackground(producer);
        }
        return results;
    }

    /** A started producer of {@code group}, signing its requests with {@code rpcHook} when not null (ACL). */
    public static DefaultMQProducer producer(String nameServer, String group, @Nullable RPCHook rpcHook)
            throws MQClientException {
        return started(newProducer(nameServer, group, rpcHook));
    }

    /** A producer of {@code group} with the tests' timeouts and an instance of its own, not started yet. */
    public static DefaultMQProducer newProducer(String nameServer, String group, @Nullable RPCHook rpcHook) {
        DefaultMQProducer producer = new DefaultMQProducer(group, rpcHook);
        producer.setNamesrvAddr(nameServer);
        producer.setSendMsgTimeout(Math.toIntExact(SEND_TIMEOUT.toMillis()));
        return sizedForLoad(producer);
    }

    /** A started admin client (mqadmin's API) on the cluster of {@code nameServer}. */
    public static DefaultMQAdminExt admin(String nameServer) throws MQClientException {
        DefaultMQAdminExt admin = new DefaultMQAdminExt(CALL_TIMEOUT.toMillis());
        admin.setNamesrvAddr(nameServer);
        sizedForLoad(admin);
        admin.start();
        return admin;
    }

    /**
     * Gives any RocketMQ client (producer, consumer, admin) the tests' call timeout and an instance name of its own,
     * so that it never shares a client instance, and its settings, with another client of the test JVM.
     */
    public static <C extends ClientConfig> C sizedForLoad(C client) {
        client.setMqClientApiTimeout(Math.toIntExact(CALL_TIMEOUT.toMillis()));
        client.setInstanceName("test-" + UUID.randomUUID());
        return client;
    }

    /**
     * Shuts the producer down on a daemon thread and returns at once. RocketMQ's {@code shutdown()} joins a thread of
     * the client that looks for the stop only every 3 s (docs/rocketmq-behaviour.md, row 33), so a test waited 1.5 s
     * on average at every producer it closed, for nothing it reads afterwards.
     */
    public static void shutDownInBackground(MQProducer producer) {
        Thread closer = new Thread(producer::shutdown, "test-producer-shutdown");
        closer.setDaemon(true);
        closer.start();
    }

    private static DefaultMQProducer started(DefaultMQProducer producer) throws MQClientException {
        producer.start();
        return producer;
    }
}
