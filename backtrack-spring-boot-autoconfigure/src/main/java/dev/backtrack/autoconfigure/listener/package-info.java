/**
 * rocketmq-spring ({@code @RocketMQMessageListener}) listener containers: positioned by time before they start and
 * rewound in place like bindings.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.listener;

import org.jspecify.annotations.NullMarked;
