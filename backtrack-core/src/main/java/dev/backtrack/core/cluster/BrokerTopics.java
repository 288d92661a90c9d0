package dev.backtrack.core.cluster;

import java.util.Map;

/**
 * Which brokers the name server knows and which topics they hold, whether or not a topic's route lists them (a broker
 * can hold a topic and be missing from its route). Read only.
 */
public interface BrokerTopics {

    /** The master address of every broker registered with the name server, by broker name. */
    Map<String, String> registeredMasters();

    /** Whether the broker at {@code brokerAddress} holds a configuration for the topic. */
    boolean holdsTopic(String brokerAddress, String topic);
}
