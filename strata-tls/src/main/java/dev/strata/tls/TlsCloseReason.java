package dev.strata.tls;

import dev.strata.tcp.CloseReason;
import java.util.Objects;

/**
 * Why a {@link TlsConnection} ended, as {@link TlsHandler#closed} reports it: a clean close (close_notify both ways),
 * a truncation (the transport ended without close_notify, RFC 8446 §6.1), a fatal alert, or a TCP connection that
 * was reset or timed out under TLS.
 */
public sealed interface TlsCloseReason
        permits TlsCloseReason.Clean, TlsCloseReason.Truncated, TlsCloseReason.Failed, TlsCloseReason.Aborted {

    /** Both close_notify alerts were exchanged: every byte either side wrote arrived. */
    record Clean() implements TlsCloseReason {
        @Override
        public String toString() {
            return "clean close (close_notify both ways)";
        }
    }

    /**
     * The peer's TCP FIN came without a close_notify before it: the data may have been cut short by an attacker or
     * a crash, and the application must not take the end of the stream as the end of the message.
     *
     * @param failure the engine's account of the truncation
     */
    record Truncated(TlsFailure failure) implements TlsCloseReason {
        /** Checks the failure is present. */
        public Truncated {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String toString() {
            return "truncated: " + failure.reason();
        }
    }

    /**
     * A fatal alert was sent or received.
     *
     * @param failure the alert, who sent it and why
     */
    record Failed(TlsFailure failure) implements TlsCloseReason {
        /** Checks the failure is present. */
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String toString() {
            return "failed: " + failure;
        }
    }

    /**
     * The TCP connection ended abnormally under TLS (reset, timeout, unreachable, refused, aborted).
     *
     * @param tcp why TCP ended
     */
    record Aborted(CloseReason tcp) implements TlsCloseReason {
        /** Checks the reason is present. */
        public Aborted {
            Objects.requireNonNull(tcp, "tcp");
        }

        @Override
        public String toString() {
            return "aborted: TCP " + tcp;
        }
    }

    /** True for {@link Clean}. */
    default boolean isClean() {
        return this instanceof Clean;
    }
}
