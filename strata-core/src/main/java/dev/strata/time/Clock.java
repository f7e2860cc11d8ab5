package dev.strata.time;

/** A source of the current time in nanoseconds: virtual in the simulator, monotonic wall time on a real network. */
@FunctionalInterface
public interface Clock {

    /** The current time in nanoseconds since this clock's epoch (the start of the simulation or of the loop). */
    long nanos();
}
