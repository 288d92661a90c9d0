/**
 * A real RocketMQ name server and brokers inside the JVM, or as standalone processes.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.embedded;

import org.jspecify.annotations.NullMarked;
