package dev.backtrack.core.grpc;

import dev.backtrack.test.DeliveryLedger;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;

/** Every delivery to a gRPC consumer ({@code rocketmq-client-java}, through the proxy): message id and when. */
public final class GrpcLedger {

    private final DeliveryLedger ledger = new DeliveryLedger();

    void record(MessageView view) {
        ledger.delivered(view.getMessageId().toString());
    }

    /** Deliveries per message id. */
    public Map<String, Integer> deliveries() {
        return ledger.deliveries();
    }

    /** Whether every one of {@code ids} was delivered at least once. */
    public boolean receivedAll(Collection<String> ids) {
        return ledger.receivedAll(ids);
    }

    /** The ids delivered more than once, with their counts. */
    public Map<String, Integer> repeated() {
        return ledger.repeated();
    }

    static ClientConfiguration client(String endpoint) {
        return ClientConfiguration.newBuilder().setEndpoints(endpoint).enableSsl(false)
                .setRequestTimeout(Duration.ofSeconds(30)).build(); // sized for a loaded machine
    }

    /** A gRPC push consumer of the group on the topic that records every message and acknowledges it. */
    public PushConsumer push(String endpoint, String group, String topic) throws Exception {
        ClientServiceProvider provider = ClientServiceProvider.loadService();
        return provider.newPushConsumerBuilder().setClientConfiguration(client(endpoint)).setConsumerGroup(group)
                .setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
                .setMessageListener(view -> {
                    record(view);
                    return ConsumeResult.SUCCESS;
                }).build();
    }

    /** A gRPC simple consumer of the group on the topic, receiving and acknowledging in a thread until closed. */
    public AutoCloseable simple(String endpoint, String group, String topic) throws Exception {
        ClientServiceProvider provider = ClientServiceProvider.loadService();
        SimpleConsumer consumer = provider.newSimpleConsumerBuilder().setClientConfiguration(client(endpoint))
                .setConsumerGroup(group).setSubscriptionExpressions(Map.of(topic, FilterExpression.SUB_ALL))
                .setAwaitDuration(Duration.ofSeconds(2)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread loop = new Thread(() -> {
            while (running.get()) {
                try {
                    for (MessageView view : consumer.receive(16, Duration.ofSeconds(30))) {
                        record(view);
                        consumer.ack(view);
                    }
                } catch (Exception e) {
                    if (running.get()) {
                        pause();
                    }
                }
            }
        }, "grpc-simple-consumer-" + group);
        loop.setDaemon(true);
        loop.start();
        return () -> {
            running.set(false);
            loop.join(Duration.ofSeconds(10).toMillis());
            consumer.close();
        };
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
