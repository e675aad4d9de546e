package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.margin.CollateralPriceSource;
import aftershock.engine.margin.MarginMode;

/**
 * A command to the multi-symbol exchange. Time is an input: before a command at {@code tsNanos} the exchange
 * advances its clock to it (sampling prices and settling funding on the way). Money and prices are E8.
 */
public sealed interface ExchangeCommand permits ExchangeCommand.Order, ExchangeCommand.Deposit,
        ExchangeCommand.Withdraw, ExchangeCommand.SetLeverage, ExchangeCommand.SetMarginMode,
        ExchangeCommand.AdjustIsolatedMargin, ExchangeCommand.SpotPrice, ExchangeCommand.AdvanceTime,
        ExchangeCommand.SettleFunding, ExchangeCommand.DepositCollateral, ExchangeCommand.CollateralPrice,
        ExchangeCommand.SetHaircut {

    enum Kind { ORDER, DEPOSIT, WITHDRAW, SET_LEVERAGE, SET_MARGIN_MODE, ADJUST_ISOLATED_MARGIN, SPOT_PRICE, ADVANCE_TIME,
        SETTLE_FUNDING, DEPOSIT_COLLATERAL, COLLATERAL_PRICE, SET_HAIRCUT }

    Kind kind();

    long tsNanos();

    /** An order-book command (place, cancel, cancel-all, amend) on one symbol; its own tsNanos is ignored. */
    record Order(long tsNanos, String symbol, Command command) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.ORDER;
        }
    }

    record Deposit(long tsNanos, long accountId, long amountE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.DEPOSIT;
        }
    }

    record Withdraw(long tsNanos, long accountId, long amountE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.WITHDRAW;
        }
    }

    record SetLeverage(long tsNanos, long accountId, String symbol, int leverage) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.SET_LEVERAGE;
        }
    }

    record SetMarginMode(long tsNanos, long accountId, String symbol, MarginMode mode) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.SET_MARGIN_MODE;
        }
    }

    /** Add (positive) or remove (negative) margin of an isolated position. */
    record AdjustIsolatedMargin(long tsNanos, long accountId, String symbol, long deltaE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.ADJUST_ISOLATED_MARGIN;
        }
    }

    /** A spot venue's price, an input of the symbol's index. */
    record SpotPrice(long tsNanos, String symbol, String source, long priceE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.SPOT_PRICE;
        }
    }

    /** Moves the clock (sampling marks and premiums, settling funding when due). */
    record AdvanceTime(long tsNanos) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.ADVANCE_TIME;
        }
    }

    /** Settles the symbol's funding now with the interval's rate so far, and starts a new interval. */
    record SettleFunding(long tsNanos, String symbol) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.SETTLE_FUNDING;
        }
    }

    /** Units (E8) of a non-USDT collateral asset into an account (which is opened if new). */
    record DepositCollateral(long tsNanos, long accountId, String asset, long unitsE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.DEPOSIT_COLLATERAL;
        }
    }

    /**
     * A candidate price of a collateral asset from one source (the venue's spot book, an oracle, the issuer's
     * redemption value); the asset's pricing policy decides which candidates count. A change of the chosen price
     * re-values every holder's margin and runs the liquidation check (a depeg).
     */
    record CollateralPrice(long tsNanos, String asset, CollateralPriceSource source, long priceE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.COLLATERAL_PRICE;
        }
    }

    /** A new haircut of a collateral asset (0.1 = counted at 90%), re-valuing every holder and checking liquidations. */
    record SetHaircut(long tsNanos, String asset, long haircutE8) implements ExchangeCommand {
        @Override
        public Kind kind() {
            return Kind.SET_HAIRCUT;
        }
    }
}
