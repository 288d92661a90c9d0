package dev.backtrack.example.rocketmqspring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The seed's scenario with rocketmq-spring; runs on an embedded RocketMQ unless told otherwise. */
@SpringBootApplication
public class RocketMqSpringExampleApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(RocketMqSpringExampleApplication.class, args);
    }
}
