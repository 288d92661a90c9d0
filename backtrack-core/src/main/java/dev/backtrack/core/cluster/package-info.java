/**
 * Access to a RocketMQ cluster: the admin client, its settings, names and failures.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.cluster;

import org.jspecify.annotations.NullMarked;
