package dev.backtrack.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The seed's backtracking-consumption application; runs on an embedded RocketMQ unless told otherwise. */
@SpringBootApplication
public class MqBootstrapApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(MqBootstrapApplication.class, args);
    }
}
