package dev.strata.time;

/**
 * A re-armable timer owned by one component (an ARP entry, a TCP connection's retransmission timer, ...).
 *
 * <p>Arming an armed timer moves it; cancelling removes it from the queue at once, so cancelled timers cost
 * nothing later; {@link #disarm()} is the cheaper way to stop a timer that will soon be armed again. Timers are not thread-safe:
 * they are used on their scheduler's thread only.
 */
public interface Timer {

    /** Arms the timer to fire at absolute time {@code deadlineNanos}, replacing any earlier arming. */
    void setAt(long deadlineNanos);

    /** Arms the timer to fire {@code delayNanos} from now. */
    void setAfter(long delayNanos);

    /** Disarms the timer at once, releasing the scheduler's reference to it; does nothing when it is not armed. */
    void cancel();

    /**
     * Disarms the timer in O(1); does nothing when it is not armed. Unlike {@link #cancel()} the scheduler may hold
     * on to the timer (and its action) until the old deadline passes or the timer is armed again: for a timer that
     * is disarmed and re-armed often, such as a delayed ACK; use {@code cancel} when its owner goes away.
     */
    void disarm();

    /** True while the timer is armed and has not fired. */
    boolean isPending();

    /** The time the timer fires at; meaningful only while {@link #isPending()}. */
    long deadline();
}
