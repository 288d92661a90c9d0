package dev.backtrack.example.rocketmqspring;

/** The order the seed's producer sends: {@code {"id":1,"desc":"test"}}. */
public record Order(Long id, String desc) {
}
