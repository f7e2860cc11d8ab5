package dev.strata.time;

/**
 * A re-armable timer owned by one component (an ARP entry, a TCP connection's retransmission timer, ...).
 *
 * <p>Arming an armed timer moves it; cancelling removes it from the queue at once, so cancelled timers cost
 * nothing later (unlike schedulers that keep cancelled events until they expire). Timers are not thread-safe:
 * they are used on their scheduler's thread only.
 */
public interface Timer {

    /** Arms the timer to fire at absolute time {@code deadlineNanos}, replacing any earlier arming. */
    void setAt(long deadlineNanos);

    /** Arms the timer to fire {@code delayNanos} from now. */
    void setAfter(long delayNanos);

    /** Disarms the timer; does nothing when it is not armed. */
    void cancel();

    /** True while the timer is armed and has not fired. */
    boolean isPending();

    /** The time the timer fires at; meaningful only while {@link #isPending()}. */
    long deadline();
}
