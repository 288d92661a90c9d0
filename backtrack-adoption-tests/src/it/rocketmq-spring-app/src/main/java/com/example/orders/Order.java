package com.example.orders;

/** An order as it travels in a message body (JSON). */
public record Order(int id) {
}
