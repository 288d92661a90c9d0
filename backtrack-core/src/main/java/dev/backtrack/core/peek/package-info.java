/**
 * Looking at a topic's messages from an instant on, without a consumer group and without moving any offset.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.peek;

import org.jspecify.annotations.NullMarked;
