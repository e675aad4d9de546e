package aftershock.engine.exchange;

import aftershock.engine.api.Event;
import aftershock.engine.api.Side;

/** What the exchange reports, in order. Money and prices are E8; {@code seq} numbers all events of a run. */
public sealed interface ExchangeEvent permits ExchangeEvent.Book, ExchangeEvent.Rejected, ExchangeEvent.BalanceChanged,
        ExchangeEvent.Fill, ExchangeEvent.MarkPrice, ExchangeEvent.FundingRate, ExchangeEvent.FundingPayment,
        ExchangeEvent.SettingChanged, ExchangeEvent.Liquidation {

    long seq();

    long tsNanos();

    /** An order-book event of one symbol. */
    record Book(long seq, long tsNanos, String symbol, Event event) implements ExchangeEvent {
    }

    /** A non-order command refused, with the reason. */
    record Rejected(long seq, long tsNanos, String command, long accountId, String symbol, String reason) implements ExchangeEvent {
    }

    /** A deposit, withdrawal or isolated-margin transfer booked. */
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
     * One step of a liquidation (Binance process): START (margin ratio ≥ 100%), ORDERS_CANCELLED, AVERTED (compliant
     * after cancelling), ORDER (the IOC at the bankruptcy price: qty filled and average price), FEE (liquidation fee to
     * the insurance fund), TAKEOVER (the fund takes the rest at the bankruptcy price), ADL (a counterparty closed at the
     * bankruptcy price: price, mark and their deviation), FUND_TOPUP (the fund brings a negative account to zero),
     * SOCIALIZED_LOSS (what the fund could not cover), DONE.
     */
    record Liquidation(long seq, long tsNanos, long accountId, String symbol, String stage, long qtyE8, long priceE8,
                       long markPriceE8, long bankruptcyPriceE8, long amountE8, long counterpartyId, long deviationE8)
            implements ExchangeEvent {
    }
}
