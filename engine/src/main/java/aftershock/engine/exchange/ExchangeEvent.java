package aftershock.engine.exchange;

import aftershock.engine.api.Event;
import aftershock.engine.api.Side;

/** What the exchange reports, in order. Money and prices are E8; {@code seq} numbers all events of a run. */
public sealed interface ExchangeEvent permits ExchangeEvent.Book, ExchangeEvent.Rejected, ExchangeEvent.BalanceChanged,
        ExchangeEvent.Fill, ExchangeEvent.MarkPrice, ExchangeEvent.FundingRate, ExchangeEvent.FundingPayment,
        ExchangeEvent.SettingChanged, ExchangeEvent.Liquidation, ExchangeEvent.Halt, ExchangeEvent.Auction,
        ExchangeEvent.QueuedOrder, ExchangeEvent.CollateralChanged, ExchangeEvent.CollateralPrice {

    long seq();

    long tsNanos();

    /** An order-book event of one symbol. */
    record Book(long seq, long tsNanos, String symbol, Event event) implements ExchangeEvent {
    }

    /** A non-order command refused, with the reason. */
    record Rejected(long seq, long tsNanos, String command, long accountId, String symbol, String reason) implements ExchangeEvent {
    }

    /**
     * A deposit, withdrawal or isolated-margin transfer booked; also FUND_TOPUP and SOCIALIZED_LOSS outside a
     * liquidation (a flat account whose collateral no longer covers its USDT balance, or the insurance fund or backstop
     * vault falling below zero).
     */
    record BalanceChanged(long seq, long tsNanos, long accountId, String reason, long amountE8, long walletBalanceE8)
            implements ExchangeEvent {
    }

    /** One side of a trade booked to an account: fee, realized PnL and the position after it. */
    record Fill(long seq, long tsNanos, long accountId, String symbol, long orderId, Side side, long priceE8, long qtyE8,
                boolean maker, long feeE8, long realizedPnlE8, long positionQtyE8, long entryPriceE8, long walletBalanceE8)
            implements ExchangeEvent {
    }

    /** A new mark (and index) price of a symbol. */
    record MarkPrice(long seq, long tsNanos, String symbol, long markPriceE8, long indexPriceE8) implements ExchangeEvent {
    }

    /** A funding settlement of a symbol: the rate applied and the mark it was applied at. */
    record FundingRate(long seq, long tsNanos, String symbol, long rateE8, long markPriceE8, long nextFundingTimeNanos)
            implements ExchangeEvent {
    }

    /** One account's funding: positive received, negative paid. */
    record FundingPayment(long seq, long tsNanos, long accountId, String symbol, long amountE8) implements ExchangeEvent {
    }

    /** A leverage or margin-mode change accepted. */
    record SettingChanged(long seq, long tsNanos, long accountId, String symbol, String setting, String value)
            implements ExchangeEvent {
    }

    /**
     * One step of a liquidation: START (margin ratio ≥ 100%), ORDERS_CANCELLED, AVERTED (compliant after a step),
     * ORDER (Binance's IOC at the bankruptcy price, or Hyperliquid's market order: qty filled and average price),
     * PARTIAL_ORDER (Hyperliquid, 20% of a large position), BOOK_HALTED (the symbol is halted: no order), FEE
     * (liquidation fee to the insurance fund), TIER_LOWERED (Bybit: amount = maintenance margin at the lower tier),
     * FOK_ORDER (Bybit: the fill-or-kill for the excess over the lower tier's limit; amount = value before), BACKSTOP
     * (the backstop vault takes over: price, deviation from the mark), BACKSTOP_DECLINED (the vault could not margin
     * it), MARGIN_TO_VAULT (Hyperliquid: what margin is left goes to the vault), NEGATIVE_EQUITY (Hyperliquid: the
     * account value went negative; amount = that value), TAKEOVER (the fund takes the rest at the bankruptcy price),
     * ADL (a counterparty closed: price, mark and their deviation), FUND_TOPUP (the fund brings a negative account to
     * zero), SOCIALIZED_LOSS (what the fund could not cover, recorded in the ledger), DONE.
     */
    record Liquidation(long seq, long tsNanos, long accountId, String symbol, String stage, long qtyE8, long priceE8,
                       long markPriceE8, long bankruptcyPriceE8, long amountE8, long counterpartyId, long deviationE8)
            implements ExchangeEvent {
    }

    /**
     * A circuit breaker's halt of one symbol. {@code START}: {@code reason} PRICE_DOWN (from the window's high) or
     * PRICE_UP (from its low), the tier (1-based) whose move was exceeded, the reference (the window's high or low),
     * the trigger price, the move (E8, 0.07 = 7%) and when trading resumes. {@code END}: {@code reason} RESUME or
     * AUCTION, the tier of the halt and the price trading resumes at (the last or the mark price, per the breaker).
     */
    record Halt(long seq, long tsNanos, String symbol, String stage, String reason, int tier, long referencePriceE8,
                long priceE8, long moveE8, long resumeAtNanos) implements ExchangeEvent {
    }

    /**
     * The resumption call auction of a symbol: the clearing price (0 when nothing crossed), the quantity it
     * executed, the reference price used for its tie-break and how many queued orders and amendments it collected.
     */
    record Auction(long seq, long tsNanos, String symbol, long priceE8, long qtyE8, long referencePriceE8, int queuedCommands)
            implements ExchangeEvent {
    }

    /**
     * An order command held during a halt ({@code action} QUEUED, with the queue's size after it) or dropped from
     * the queue by a cancel before it was submitted (DROPPED). {@code command} is PLACE or AMEND; {@code orderId}
     * the order an amendment targets (0 for a new order).
     */
    record QueuedOrder(long seq, long tsNanos, String symbol, long accountId, long clientOrderId, long orderId,
                       String command, String action, int queueSize) implements ExchangeEvent {
    }

    /**
     * Collateral units of an account changed: DEPOSIT, or SETTLED_TO_FUND (units taken by the insurance fund at
     * their haircut value to cover a negative USDT balance; {@code valueE8} is what the fund paid). {@code unitsE8}
     * is the change (negative when taken), {@code balanceUnitsE8} the account's units after it.
     */
    record CollateralChanged(long seq, long tsNanos, long accountId, String asset, String reason, long unitsE8,
                             long balanceUnitsE8, long valueE8) implements ExchangeEvent {
    }

    /**
     * A collateral asset's valuation changed: the price chosen by its pricing policy from the candidates, the
     * haircut, and the value one unit counts for in margin (price × (1 − haircut), rounded down).
     */
    record CollateralPrice(long seq, long tsNanos, String asset, String pricing, long priceE8, long haircutE8,
                           long unitValueE8) implements ExchangeEvent {
    }
}
