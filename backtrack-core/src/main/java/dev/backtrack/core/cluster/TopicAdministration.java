package dev.backtrack.core.cluster;

import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;

/** Creates topics and reads their routes: for Backtrack's own topics (journal, control, claims) and retry topics. */
public interface TopicAdministration {

    /** The topic's route: which brokers hold how many queues; fails clearly for an unknown topic. */
    TopicRouteData route(String topic);

    /** Creates the topic on every master broker of the cluster unless it is routable already; waits until it is. */
    void ensureTopic(String topic, int queuesPerBroker);

    /** Creates or changes the topic's configuration (queues, permission) on one broker. */
    void createTopic(String brokerAddress, TopicConfig config);
}
