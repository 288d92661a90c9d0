package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.SentMessages;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While a gRPC consumer ({@code rocketmq-client-java}, through RocketMQ's proxy) runs, {@code backtrack rewind --proxy}
 * sees it online and refuses (exit 1) saying why, and so does {@code replay} (gRPC consumers never read the retry
 * topic); once it is stopped, the rewind writes the offsets and the consumer,
 * started again, receives exactly the messages from T.
 */
class GrpcConsumerCliTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().withProxy().shared();
    private static final Duration WAIT = Duration.ofSeconds(60);

    static CliRun run(String... args) {
        return CliRun.onJournal(MQ.nameServerAddress(), "GRPC_CLI_JOURNAL", args);
    }

    @Test
    void aRunningGrpcConsumerIsSeenThroughTheProxyAndRefusedThenStoppedItReceivesAgainExactlyFromT()
            throws Exception {
        String topic = "grpc-cli-orders";
        String group = "grpc-cli-billing";
        String proxy = MQ.rocketMq().proxyRemotingAddress();
        MQ.rocketMq().createTopic(topic, 2);
        Map<String, Integer> expectedAgain = new HashMap<>();
        Set<String> all;
        long t;
        try (SentMessages sent = new SentMessages(MQ.nameServerAddress(), topic)) {
            List<String> ids = sent.send(12);
            all = sent.all();
            t = sent.storeTime(ids.get(6));
            sent.storedFrom(t).forEach(id -> expectedAgain.put(id, 1));
        }
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress())
                .withProxies(List.of(proxy)))) {
            Map<String, Integer> first = new ConcurrentHashMap<>();
            try (PushConsumer consumer = pushConsumer(group, topic, first)) {
                await().atMost(WAIT).until(() -> first.keySet().containsAll(all));
                await().atMost(WAIT).until(() -> admin.isOnline(group));

                CliRun refused = run("rewind", "-g", group, "-t", topic, "--to", Long.toString(t), "--yes", "--proxy",
                        proxy);
                assertThat(refused.exit()).as(refused.err()).isEqualTo(BacktrackCli.FAILED);
                assertThat(refused.err()).doesNotContain("no consumer of the group is online")
                        .contains("error: Group '" + group + "' has consumers online as gRPC clients "
                                + "(rocketmq-client-java) through proxy " + proxy)
                        .contains("Nothing was changed");
                CliRun replay = run("replay", "-g", group, "-t", topic, "--from", Long.toString(t), "--until", "now",
                        "--yes", "--proxy", proxy);
                assertThat(replay.exit()).as(replay.err()).isEqualTo(BacktrackCli.FAILED);
                assertThat(replay.err()).contains("error: Group '" + group + "' has consumers online as gRPC clients "
                        + "(rocketmq-client-java) through proxy " + proxy)
                        .contains("never reads the group's retry topic").contains("Nothing was sent");
            }
            await().atMost(WAIT).until(() -> !admin.isOnline(group));

            CliRun rewind = run("rewind", "-g", group, "-t", topic, "--to", Long.toString(t), "--yes", "--proxy", proxy);
            assertThat(rewind.exit()).as(rewind.err()).isEqualTo(BacktrackCli.OK);
            assertThat(rewind.out()).contains("OFFLINE_WRITE");

            Map<String, Integer> again = new ConcurrentHashMap<>();
            try (PushConsumer consumer = pushConsumer(group, topic, again)) {
                await().atMost(WAIT).until(() -> again.keySet().containsAll(expectedAgain.keySet()));
                assertThat(again).as("received again, per message id").isEqualTo(expectedAgain);
            }
        }
    }

    @Test
    void aProxyThatDoesNotAnswerFailsTheRewindNamingItAndNothingMoves() throws Exception {
        String topic = "grpc-cli-silent-proxy";
        String group = topic + "-g";
        MQ.rocketMq().createTopic(topic, 1);
        try (SentMessages sent = new SentMessages(MQ.nameServerAddress(), topic)) {
            sent.send(2);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String silent = "127.0.0.1:" + closed;
        CliRun rewind = run("rewind", "-g", group, "-t", topic, "--to", "-1h", "--yes", "--proxy", silent);
        assertThat(rewind.exit()).as(rewind.out()).isEqualTo(BacktrackCli.FAILED);
        assertThat(rewind.err()).contains("Cannot ask the RocketMQ proxy which consumers of group '" + group
                + "' it serves: proxy " + silent + " does not answer");
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
            QueueAddress queue = admin.queues(topic).get(0);
            assertThat(admin.committedOffset(queue.brokerAddress(), group, queue.queue())).as("nothing moved")
                    .isNull();
        }
    }

    @Test
    void aProxyAddressThatIsNotHostAndPortIsAUsageErrorSayingWhatIsAccepted() {
        CliRun run = run("rewind", "-g", "g", "-t", "t", "--to", "-1h", "--yes", "--proxy", "proxy-without-port");
        assertThat(run.exit()).isEqualTo(BacktrackCli.USAGE);
        assertThat(run.err()).contains("Proxy address 'proxy-without-port' is not host:port")
                .contains("accepted: the remoting address of a RocketMQ proxy");
    }

    private static PushConsumer pushConsumer(String group, String topic, Map<String, Integer> received)
            throws Exception {
        ClientConfiguration client = ClientConfiguration.newBuilder().setEndpoints(MQ.rocketMq().proxyEndpoint())
                .enableSsl(false).setRequestTimeout(Duration.ofSeconds(30)).build(); // sized for a loaded machine
        return ClientServiceProvider.loadService().newPushConsumerBuilder().setClientConfiguration(client)
                .setConsumerGroup(group).setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
                .setMessageListener(view -> {
                    received.merge(view.getMessageId().toString(), 1, Integer::sum);
                    return ConsumeResult.SUCCESS;
                }).build();
    }
}
