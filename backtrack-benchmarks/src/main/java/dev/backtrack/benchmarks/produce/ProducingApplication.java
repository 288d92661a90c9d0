package dev.backtrack.benchmarks.produce;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Spring Cloud Stream application with the Backtrack starter and nothing else; it sends through StreamBridge. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ProducingApplication {
}
