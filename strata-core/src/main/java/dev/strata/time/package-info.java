/** Clock, scheduler and timers: the only way any layer learns the time or waits. */
package dev.strata.time;
