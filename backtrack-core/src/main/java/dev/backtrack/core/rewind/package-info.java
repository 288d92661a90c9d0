/**
 * Planning a rewind by time, applying it on the brokers and verifying it.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.rewind;

import org.jspecify.annotations.NullMarked;
