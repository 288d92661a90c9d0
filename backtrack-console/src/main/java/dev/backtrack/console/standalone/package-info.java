/** The console on its own, against any cluster, with no application: {@code bin/backtrack console -n NAMESRV}. */
@NullMarked
package dev.backtrack.console.standalone;

import org.jspecify.annotations.NullMarked;
