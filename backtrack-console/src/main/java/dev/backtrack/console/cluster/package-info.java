/** The console's connections to the RocketMQ cluster it shows: admin client, journal, control channel. */
@NullMarked
package dev.backtrack.console.cluster;

import org.jspecify.annotations.NullMarked;
