package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The CLI's logging set-up ({@code backtrack-cli-logback.xml}): standard error carries the command's own warnings and
 * errors, and of the RocketMQ client's logs only errors.
 */
class CliLoggingTest {

    @Test
    void theRocketMqClientsBookkeepingWarningsStayOffStandardErrorAndTheCommandsOwnWarningsDoNot() throws Exception {
        URL config = BacktrackCli.class.getClassLoader().getResource("backtrack-cli-logback.xml");
        assertThat(config).as("the CLI's logging set-up is in its jar").isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);

        for (String rocketMq : new String[] {"RocketmqRemoting",
                "org.apache.rocketmq.client.impl.factory.MQClientInstance"}) {
            assertThat(context.getLogger(rocketMq).isWarnEnabled()).as(rocketMq + " warnings").isFalse();
            assertThat(context.getLogger(rocketMq).isErrorEnabled()).as(rocketMq + " errors").isTrue();
        }
        assertThat(context.getLogger("dev.backtrack.cli.BacktrackCli").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("dev.backtrack.cli.BacktrackCli").isInfoEnabled()).isFalse();
        context.stop();
    }
}
