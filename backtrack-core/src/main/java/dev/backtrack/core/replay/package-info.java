/**
 * Window replay: re-delivering the messages stored in a time window [from, until) to one consumer group through its
 * retry topic, without moving the group's committed offsets.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.replay;

import org.jspecify.annotations.NullMarked;
