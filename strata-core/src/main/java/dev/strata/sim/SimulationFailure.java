package dev.strata.sim;

/** An event of a simulation threw; the message names the seed and the virtual time so the run can be replayed. */
public final class SimulationFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long seed;
    private final long timeNanos;

    /** A failure of the simulation with {@code seed} at virtual time {@code timeNanos}. */
    public SimulationFailure(long seed, long timeNanos, Throwable cause) {
        super("simulation failed (seed " + seed + ", at t=" + timeNanos + " ns): " + cause, cause);
        this.seed = seed;
        this.timeNanos = timeNanos;
    }

    /** The seed that replays the failing run. */
    public long seed() {
        return seed;
    }

    /** The virtual time of the failing event. */
    public long timeNanos() {
        return timeNanos;
    }
}
