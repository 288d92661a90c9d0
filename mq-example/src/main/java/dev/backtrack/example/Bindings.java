package dev.backtrack.example;

/** The seed's binding names, kept under Spring Cloud Stream's functional model. */
public final class Bindings {

    /** Output binding of the producer (seed: {@code MySource.output4Order()}). */
    public static final String OUTPUT_ORDER = "output-order";
    /** Input binding of the backtracking consumer (seed: {@code MySource.inputBackTracking()}). */
    public static final String INPUT_BACKTRACKING = "input-backtracking";

    private Bindings() {
    }
}
