package com.example.orders;

import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.springframework.stereotype.Component;

/** Receives the orders of the topic orders. */
@Component
@RocketMQMessageListener(consumerGroup = "orders-listener-group", topic = "orders")
public class OrdersListener implements RocketMQListener<Order> {

    private final ReceivedOrders received;

    OrdersListener(ReceivedOrders received) {
        this.received = received;
    }

    @Override
    public void onMessage(Order order) {
        received.add(order);
    }
}
