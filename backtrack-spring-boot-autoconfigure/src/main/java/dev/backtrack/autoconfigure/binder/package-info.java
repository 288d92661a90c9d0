/**
 * Start-up check of the RocketMQ binder's name server.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.binder;

import org.jspecify.annotations.NullMarked;
