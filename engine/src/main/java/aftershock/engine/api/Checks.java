package aftershock.engine.api;

/**
 * Switch for the O(n) whole-state audits (book structure after every command). O(1) checks are always on.
 * Read once from the system property {@code aftershock.checks}; the test suite and {@code --check-invariants}
 * turn it on.
 */
public final class Checks {
    public static final boolean FULL = Boolean.getBoolean("aftershock.checks");

    private Checks() {
    }
}
