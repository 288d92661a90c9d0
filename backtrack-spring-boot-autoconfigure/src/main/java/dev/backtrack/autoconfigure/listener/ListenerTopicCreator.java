package dev.backtrack.autoconfigure.listener;

/** Makes sure a listener's topic exists before its group is positioned (on the embedded broker). */
@FunctionalInterface
public interface ListenerTopicCreator {

    /** Creates {@code topic} unless it exists. */
    void ensure(String topic);
}
