/**
 * What a cluster holds, for browsing: its application topics and consumer groups, system ones left out.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.inventory;

import org.jspecify.annotations.NullMarked;
