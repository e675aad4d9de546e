package aftershock.engine.api;

/**
 * The seam through which the book asks for an account's net position (in lots; + long, − short) to enforce
 * reduce-only. The margin engine will provide it; {@link NetPositions} is the book-level implementation.
 */
@FunctionalInterface
public interface PositionSource {
    long positionLots(long accountId);

    /** No positions anywhere: every reduce-only order is rejected. */
    PositionSource NONE = accountId -> 0L;
}
