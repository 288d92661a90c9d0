package com.example.orders;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts the deliveries of each order id. */
public class ReceivedOrders {

    private final Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();

    void add(Order order) {
        deliveries.merge(order.id(), 1, Integer::sum);
    }

    /** Deliveries per order id so far. */
    public Map<Integer, Integer> deliveries() {
        return Map.copyOf(deliveries);
    }
}
