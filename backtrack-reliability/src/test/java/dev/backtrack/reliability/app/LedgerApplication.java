package dev.backtrack.reliability.app;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * The application under test: a Spring Cloud Stream consumer with the Backtrack starter whose handler appends
 * "receivedAtMillis id" to its ledger file for every message before it returns (so a message whose offset was
 * committed is always in the ledger, also after SIGKILL). With {@code ledger.block-on} set, the handler sleeps
 * {@code ledger.block-millis} on that id before recording it; {@code ledger.delay-millis} makes every message take
 * that long. The time recorded is when the handler got the message. With {@code ledger.fail-on-interrupt=true}, a
 * handler interrupted in that delay (a consumer shutting down interrupts its handlers) records nothing in the ledger,
 * appends "receivedAtMillis id" to {@code <ledger file>.failed} and throws: the binder hands the message to RocketMQ's
 * retry path, as an application whose handler fails on interruption does.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LedgerApplication {

    private static final Logger log = LoggerFactory.getLogger(LedgerApplication.class);

    /** Starts the application with Spring Boot arguments. */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args);
    }

    /** The binding's handler: records every message it gets. */
    @Bean
    public Consumer<Message<?>> record(@Value("${ledger.file}") Path file,
            @Value("${ledger.block-on:}") String blockOn, @Value("${ledger.block-millis:30000}") long blockMillis,
            @Value("${ledger.delay-millis:0}") long delayMillis,
            @Value("${ledger.fail-on-interrupt:false}") boolean failOnInterrupt) throws IOException {
        // Not a FileChannel: an interrupt (a consumer shutting down interrupts its handlers) would close it for
        // every later write of every handler.
        FileOutputStream ledger = new FileOutputStream(file.toFile(), true);
        FileOutputStream failures = failOnInterrupt
                ? new FileOutputStream(file.resolveSibling(file.getFileName() + ".failed").toFile(), true) : null;
        return message -> {
            long received = System.currentTimeMillis();
            String id = id(message.getPayload());
            if (!blockOn.isEmpty() && blockOn.equals(id)) {
                log.info("LEDGER blocking on {} for {} ms", id, blockMillis);
                try {
                    Thread.sleep(blockMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log.info("LEDGER unblocked on {}", id);
            }
            byte[] line = (received + " " + id + "\n").getBytes(StandardCharsets.US_ASCII);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (failures != null) {
                        append(failures, line);
                        log.info("LEDGER failing {}: interrupted", id);
                        throw new IllegalStateException("Interrupted while handling " + id, e);
                    }
                }
            }
            append(ledger, line);
        };
    }

    private static void append(FileOutputStream file, byte[] line) {
        synchronized (file) {
            try {
                file.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String id(Object payload) {
        String text = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(payload);
        text = text.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }
}
