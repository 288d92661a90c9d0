package dev.backtrack.cli;

import picocli.CommandLine.Option;

/** The consumer group and topic a command works on. */
final class GroupTopicOptions {

    @Option(names = {"-g", "--group"}, required = true, description = "Consumer group.")
    String group;

    @Option(names = {"-t", "--topic"}, required = true, description = "Topic.")
    String topic;
}
