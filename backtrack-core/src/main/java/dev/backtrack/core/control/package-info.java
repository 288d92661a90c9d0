/**
 * Rewind orders and acknowledgements over the control topic, for every instance of a group.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.control;

import org.jspecify.annotations.NullMarked;
