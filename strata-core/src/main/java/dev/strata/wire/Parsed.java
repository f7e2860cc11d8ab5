package dev.strata.wire;

import java.util.function.Function;

/**
 * The outcome of parsing bytes as a protocol unit: a checked view, or the reason the bytes are not one.
 *
 * <p>Receive paths switch over this type instead of catching exceptions, so a malformed packet becomes a counted
 * drop with a reason and never an exception.
 *
 * @param <T> the view type produced on success
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Malformed {

    /** Parsing succeeded; every accessor of {@code value} is safe to call. */
    record Ok<T>(T value) implements Parsed<T> {}

    /** Parsing failed for {@code error}; {@code detail} says what was seen, for logs. */
    record Malformed<T>(ParseError error, String detail) implements Parsed<T> {
        /** Re-types this failure for another view type, so a failure can travel up the layers. */
        @SuppressWarnings("unchecked")
        public <U> Malformed<U> retype() {
            return (Malformed<U>) this;
        }
    }

    /** A success holding {@code value}. */
    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A failure for {@code error} with a human-readable {@code detail}. */
    static <T> Parsed<T> malformed(ParseError error, String detail) {
        return new Malformed<>(error, detail);
    }

    /** True when parsing succeeded. */
    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The view; throws {@link IllegalStateException} on a failure (for tests and trusted input only). */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Malformed<T> m -> throw new IllegalStateException(m.error() + ": " + m.detail());
        };
    }

    /** Maps a success, passing a failure through unchanged. */
    default <U> Parsed<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Malformed<T> m -> m.retype();
        };
    }
}
