package dev.backtrack.embedded.logging;

import org.apache.rocketmq.logging.ch.qos.logback.classic.Level;
import org.apache.rocketmq.logging.ch.qos.logback.classic.spi.ILoggingEvent;
import org.apache.rocketmq.logging.ch.qos.logback.classic.spi.IThrowableProxy;
import org.apache.rocketmq.logging.ch.qos.logback.classic.spi.ThrowableProxy;
import org.apache.rocketmq.logging.ch.qos.logback.core.AppenderBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forwards RocketMQ's internal (shaded logback) log events to the application's SLF4J loggers. */
public class RocketMqLogBridge extends AppenderBase<ILoggingEvent> {

    /** Threads that stop an embedded broker; they interrupt RocketMQ's fixed shutdown waits on purpose. */
    private static final String STOPPING_THREAD_PREFIX = "embedded-rocketmq-stop";

    @Override
    protected void append(ILoggingEvent event) {
        if (expectedInterruption(event)) {
            return;
        }
        Logger target = LoggerFactory.getLogger(event.getLoggerName());
        String message = event.getFormattedMessage();
        Throwable thrown = throwable(event.getThrowableProxy());
        int level = event.getLevel().toInt();
        if (level >= Level.ERROR_INT) {
            target.error(message, thrown);
        } else if (level >= Level.WARN_INT) {
            target.warn(message, thrown);
        } else if (level >= Level.INFO_INT) {
            target.info(message, thrown);
        } else if (level >= Level.DEBUG_INT) {
            target.debug(message, thrown);
        } else {
            target.trace(message, thrown);
        }
    }

    /**
     * An InterruptedException that a shutdown causes on purpose, not an error: in the thread stopping an embedded
     * broker (which skips RocketMQ's shutdown sleep), or in the name server's unregistration thread (which RocketMQ
     * interrupts to stop it).
     */
    private static boolean expectedInterruption(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        String thread = event.getThreadName();
        return proxy != null && thread != null && InterruptedException.class.getName().equals(proxy.getClassName())
                && (thread.startsWith(STOPPING_THREAD_PREFIX) || thread.endsWith("BatchUnregistrationService"));
    }

    private static Throwable throwable(IThrowableProxy proxy) {
        return proxy instanceof ThrowableProxy real ? real.getThrowable() : null;
    }
}
