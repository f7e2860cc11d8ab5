package dev.strata.link;

/** A tiny program that tries to open a TAP device and prints the outcome, for tests that need another user. */
public final class TapOpenProbe {

    private TapOpenProbe() {}

    /** Opens {@code args[0]}: prints "opened NAME" and exits 0, or prints the error line and exits 2. */
    public static void main(String[] args) {
        try (TapDevice tap = TapDevice.open(TapDevice.Config.of(args[0]))) {
            System.out.println("opened " + tap.name());
        } catch (TapException e) {
            System.out.println(e.getMessage() + " [errno " + e.errno() + "]");
            System.exit(2);
        }
    }
}
