package dev.backtrack.core;

/** The topic has no route on the cluster's name server. */
public class UnknownTopicException extends RewindException {

    /** Creates the error naming the topic and the name server. */
    public UnknownTopicException(String topic, String nameServer) {
        super("Topic '" + topic + "' not found on name server " + nameServer);
    }
}
