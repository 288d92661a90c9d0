/**
 * The embedded RocketMQ started inside the application.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
