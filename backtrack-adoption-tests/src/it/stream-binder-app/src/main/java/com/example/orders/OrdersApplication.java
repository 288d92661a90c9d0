package com.example.orders;

import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application with one Spring Cloud Stream RocketMQ consumer binding, orders-in-0. */
@SpringBootApplication
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }

    @Bean
    ReceivedOrders receivedOrders() {
        return new ReceivedOrders();
    }

    @Bean
    Consumer<Order> orders(ReceivedOrders received) {
        return received::add;
    }
}
