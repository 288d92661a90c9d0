/**
 * The backtrack actuator endpoint.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
