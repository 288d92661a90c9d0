/**
 * Routing RocketMQ's own logging to SLF4J.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.embedded.logging;

import org.jspecify.annotations.NullMarked;
