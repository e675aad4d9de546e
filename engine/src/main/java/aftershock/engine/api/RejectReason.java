package aftershock.engine.api;

/**
 * Why a command was rejected. Checks run in the declared order, grouped by stage, so the first failing check,
 * and therefore the reason reported, is deterministic. The Binance error code is given where one corresponds.
 */
public enum RejectReason {
    // Stage 1: the command itself.
    MISSING_FIELD(Stage.COMMAND),
    INVALID_ACCOUNT(Stage.COMMAND),
    INVALID_TIMESTAMP(Stage.COMMAND),
    /** GTX (post-only) on a triggered limit order, which may take when it fires. */
    INVALID_TIME_IN_FORCE(Stage.COMMAND),
    /** A price or stop price sent for an order type that takes none (Binance -1106). */
    PARAMETER_NOT_REQUIRED(Stage.COMMAND),
    // Stage 2: price filter (-4014 price not increased by tick size, -4016/-4024 price above/below limits).
    PRICE_NOT_POSITIVE(Stage.PRICE),
    PRICE_OFF_TICK(Stage.PRICE),
    PRICE_BELOW_MIN(Stage.PRICE),
    PRICE_ABOVE_MAX(Stage.PRICE),
    STOP_PRICE_NOT_POSITIVE(Stage.PRICE),
    STOP_PRICE_OFF_TICK(Stage.PRICE),
    STOP_PRICE_BELOW_MIN(Stage.PRICE),
    STOP_PRICE_ABOVE_MAX(Stage.PRICE),
    // Stage 3: lot size (-4003 quantity less than or equal to zero, -4023 not increased by step, -4005 above max).
    QTY_NOT_POSITIVE(Stage.QUANTITY),
    QTY_OFF_STEP(Stage.QUANTITY),
    QTY_BELOW_MIN(Stage.QUANTITY),
    QTY_ABOVE_MAX(Stage.QUANTITY),
    // Stage 4: notional (-4164 order's notional must be no smaller than the minimum, unless reduce-only).
    NOTIONAL_BELOW_MIN(Stage.NOTIONAL),
    // Stage 4b: pre-trade risk, when a margin engine is attached (-2019 margin is insufficient, -2027 exceeded the
    // maximum allowable position at current leverage, and an account that has never deposited).
    /** The symbol is halted by a circuit breaker and the halt policy rejects new orders and amendments. */
    TRADING_HALTED(Stage.RISK),
    UNKNOWN_ACCOUNT(Stage.RISK),
    /** A limit price beyond the symbol's band around the mark (-4016 above mark × up, -4024 below mark × down). */
    PRICE_OUTSIDE_BAND(Stage.RISK),
    INSUFFICIENT_MARGIN(Stage.RISK),
    MAX_POSITION_EXCEEDED(Stage.RISK),
    // Stage 5: state of the book and the account.
    UNKNOWN_ORDER(Stage.STATE),
    DUPLICATE_CLIENT_ORDER_ID(Stage.STATE),
    AMEND_NOT_SUPPORTED(Stage.STATE),
    AMEND_QTY_NOT_ABOVE_FILLED(Stage.STATE),
    AMEND_NO_CHANGE(Stage.STATE),
    REDUCE_ONLY_REJECTED(Stage.STATE),
    // Stage 6: execution conditions (-2021 order would immediately trigger, -5022 post-only would take,
    // -5021 FOK cannot be filled in full). Since 2023-03-22 Binance rejects such FOK and GTX orders outright.
    STOP_WOULD_TRIGGER_IMMEDIATELY(Stage.EXECUTION),
    POST_ONLY_WOULD_TAKE(Stage.EXECUTION),
    FOK_WOULD_NOT_FILL(Stage.EXECUTION),
    /** FOK and GTX (post-only) orders have no meaning in a call auction, where every order trades at one price. */
    NOT_ALLOWED_IN_AUCTION(Stage.EXECUTION),
    // Stage 7: capacity limits from the book's configuration.
    ORDER_CAPACITY_EXCEEDED(Stage.CAPACITY);

    /** The validation stage a reason belongs to; stages are checked in declaration order. */
    public enum Stage {
        COMMAND,
        PRICE,
        QUANTITY,
        NOTIONAL,
        RISK,
        STATE,
        EXECUTION,
        CAPACITY
    }

    private final Stage stage;

    RejectReason(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
