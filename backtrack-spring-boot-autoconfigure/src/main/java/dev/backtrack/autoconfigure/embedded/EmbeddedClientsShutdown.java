package dev.backtrack.autoconfigure.embedded;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EventExecutorWakeUp;
import java.util.List;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.client.impl.MQClientManager;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * When the application context closes, lets every RocketMQ client of this JVM that uses the embedded name server
 * shut down without waiting: each client's shutdown otherwise waits up to 3 s for its channel-event thread, one client
 * after the other. The clients still persist their offsets when they stop, before the embedded broker stops.
 */
final class EmbeddedClientsShutdown implements ApplicationListener<ContextClosedEvent> {

    private final ApplicationContext context;
    private final EmbeddedRocketMq rocketMq;

    EmbeddedClientsShutdown(ApplicationContext context, EmbeddedRocketMq rocketMq) {
        this.context = context;
        this.rocketMq = rocketMq;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !rocketMq.isRunning()) {
            return;
        }
        String nameServer = rocketMq.nameServerAddress();
        for (MQClientInstance client : MQClientManager.getInstance().getFactoryTable().values()) {
            MQClientAPIImpl api = client.getMQClientAPIImpl();
            List<String> nameServers = api == null ? null : api.getNameServerAddressList();
            if (nameServers != null && nameServers.contains(nameServer)) {
                EventExecutorWakeUp.stopAndWake(api.getRemotingClient());
            }
        }
    }
}
