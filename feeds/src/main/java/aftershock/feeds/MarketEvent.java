package aftershock.feeds;

import aftershock.engine.api.DecimalE8;

import java.util.List;

/**
 * A normalised market-data event: what every connector turns its venue's native messages into. Every event names its
 * source and the venue's symbol (as the venue spells it: {@code BTCUSDT}, {@code BTC-USD}, {@code BTC-USDT-SWAP}),
 * the venue's timestamp of the fact ({@code exchangeTsMs}: trade time for trades, event time otherwise) and the local
 * receive timestamp ({@code receiveTsMs}), both epoch milliseconds. Prices, quantities and rates are exact E8
 * fixed-point longs; a value the venue does not publish in that message is {@link #ABSENT}.
 *
 * <p>The records check their invariants on construction (positive prices, sorted uncrossed depth, ...), so a
 * malformed event cannot exist; parsers check first, to reject the message with a precise reason.
 */
public sealed interface MarketEvent permits MarketEvent.Trade, MarketEvent.BookTop, MarketEvent.BookDepth,
        MarketEvent.MarkFunding, MarketEvent.OpenInterest, MarketEvent.Liquidation, MarketEvent.AdlNotice {

    /** Marks a value the venue did not publish: never a valid price, quantity, rate or time. */
    long ABSENT = Long.MIN_VALUE;

    enum Kind { TRADE, BOOK_TOP, BOOK_DEPTH, MARK_FUNDING, OPEN_INTEREST, LIQUIDATION, ADL_NOTICE }

    Kind kind();

    FeedSource source();

    String symbol();

    long exchangeTsMs();

    long receiveTsMs();

    /** One line, fields in a fixed order, decimals exact, absent values as {@code -}. */
    String toLogLine();

    /**
     * A trade print. {@code aggressorSide} is the taker's side, whatever the venue's convention (Binance {@code m} is
     * buyer-is-maker, Coinbase {@code matches.side} is the maker's side).
     */
    record Trade(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs, long priceE8, long qtyE8,
                 Side aggressorSide, String tradeId) implements MarketEvent {
        public Trade {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            Invariants.positive("trade price", priceE8);
            Invariants.positive("trade quantity", qtyE8);
            Invariants.present("aggressor side", aggressorSide);
            if (tradeId == null || tradeId.isEmpty()) {
                throw new IllegalArgumentException("trade id must be present");
            }
        }

        @Override
        public Kind kind() {
            return Kind.TRADE;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " price=" + DecimalE8.format(priceE8) + " qty=" + DecimalE8.format(qtyE8)
                    + " aggressor=" + aggressorSide + " id=" + tradeId;
        }
    }

    /** Best bid and offer. Quantities are ABSENT when the venue's message has only prices. */
    record BookTop(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs, long bidPriceE8,
                   long bidQtyE8, long askPriceE8, long askQtyE8) implements MarketEvent {
        public BookTop {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            Invariants.positive("bid price", bidPriceE8);
            Invariants.positive("ask price", askPriceE8);
            Invariants.positiveOrAbsent("bid quantity", bidQtyE8);
            Invariants.positiveOrAbsent("ask quantity", askQtyE8);
            if (bidPriceE8 >= askPriceE8) {
                throw new IllegalArgumentException("book top is crossed: bidPriceE8=" + bidPriceE8
                        + " askPriceE8=" + askPriceE8);
            }
        }

        @Override
        public Kind kind() {
            return Kind.BOOK_TOP;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " bid=" + Invariants.e8(bidQtyE8) + "@" + DecimalE8.format(bidPriceE8)
                    + " ask=" + Invariants.e8(askQtyE8) + "@" + DecimalE8.format(askPriceE8);
        }
    }

    /**
     * The top levels of a local order book that is in sync with the venue (snapshot plus sequence-checked diffs):
     * bids best (highest) first, asks best (lowest) first. {@code updateId} is the venue's last applied update id.
     */
    record BookDepth(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs, long updateId,
                     List<BookLevel> bids, List<BookLevel> asks) implements MarketEvent {
        public BookDepth {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
            for (int i = 1; i < bids.size(); i++) {
                if (bids.get(i).priceE8() >= bids.get(i - 1).priceE8()) {
                    throw new IllegalArgumentException("bids must be strictly descending at level " + i);
                }
            }
            for (int i = 1; i < asks.size(); i++) {
                if (asks.get(i).priceE8() <= asks.get(i - 1).priceE8()) {
                    throw new IllegalArgumentException("asks must be strictly ascending at level " + i);
                }
            }
            if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).priceE8() >= asks.get(0).priceE8()) {
                throw new IllegalArgumentException("depth is crossed: best bid " + bids.get(0) + ", best ask "
                        + asks.get(0));
            }
        }

        @Override
        public Kind kind() {
            return Kind.BOOK_DEPTH;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " update=" + updateId + " bids=" + bids + " asks=" + asks;
        }
    }

    /**
     * Mark price, index price, the current (predicted) funding rate for the next settlement and that settlement's
     * time. Any of them can be ABSENT (a delivery contract has no funding; OKX sends funding and mark separately),
     * but not all three values.
     */
    record MarkFunding(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs, long markPriceE8,
                       long indexPriceE8, long fundingRateE8, long nextFundingTsMs) implements MarketEvent {
        public MarkFunding {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            Invariants.positiveOrAbsent("mark price", markPriceE8);
            Invariants.positiveOrAbsent("index price", indexPriceE8);
            Invariants.positiveOrAbsent("next funding time", nextFundingTsMs);
            if (markPriceE8 == ABSENT && indexPriceE8 == ABSENT && fundingRateE8 == ABSENT) {
                throw new IllegalArgumentException("mark, index and funding rate are all absent");
            }
        }

        @Override
        public Kind kind() {
            return Kind.MARK_FUNDING;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " mark=" + Invariants.e8(markPriceE8) + " index="
                    + Invariants.e8(indexPriceE8) + " funding=" + Invariants.e8(fundingRateE8) + " nextFunding="
                    + (nextFundingTsMs == ABSENT ? "-" : Long.toString(nextFundingTsMs));
        }
    }

    /**
     * Open interest of one symbol, one-sided, in base units (coins, after applying a contract size where the venue
     * counts contracts); its US$ value when the venue publishes it, else ABSENT.
     */
    record OpenInterest(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs,
                        long openInterestQtyE8, long openInterestValueUsdE8) implements MarketEvent {
        public OpenInterest {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            if (openInterestQtyE8 < 0) {
                throw new IllegalArgumentException("open interest must not be negative: " + openInterestQtyE8);
            }
            if (openInterestValueUsdE8 != ABSENT && openInterestValueUsdE8 < 0) {
                throw new IllegalArgumentException("open interest value must not be negative: "
                        + openInterestValueUsdE8);
            }
        }

        @Override
        public Kind kind() {
            return Kind.OPEN_INTEREST;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " qty=" + DecimalE8.format(openInterestQtyE8) + " valueUsd="
                    + Invariants.e8(openInterestValueUsdE8);
        }
    }

    /**
     * A forced liquidation, normalised to the side of the LIQUIDATED POSITION ({@code liquidatedPositionSide}): a long
     * liquidated is LONG, whatever the venue reports (Binance and OKX give the liquidation order's side, Bybit the
     * position's). {@code sampled} is true where the venue pushes at most one liquidation per symbol per second
     * (Binance {@code forceOrder}, OKX {@code liquidation-orders}): totals built from those are lower bounds.
     * {@code priceE8} is the average fill price where the venue gives one, else the bankruptcy (order) price.
     */
    record Liquidation(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs,
                       PositionSide liquidatedPositionSide, long priceE8, long qtyE8, boolean sampled)
            implements MarketEvent {
        public Liquidation {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            Invariants.present("liquidated position side", liquidatedPositionSide);
            Invariants.positive("liquidation price", priceE8);
            Invariants.positive("liquidation quantity", qtyE8);
        }

        /** Price × quantity, E8, rounded down; exact in 128 bits. */
        public long notionalE8() {
            return FixedPoint.multiplyE8(priceE8, qtyE8);
        }

        @Override
        public Kind kind() {
            return Kind.LIQUIDATION;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " position=" + liquidatedPositionSide + " price="
                    + DecimalE8.format(priceE8) + " qty=" + DecimalE8.format(qtyE8) + (sampled ? " sampled" : "");
        }
    }

    /**
     * A venue's auto-deleveraging risk for a symbol. Binance publishes a rating only (numbers ABSENT); Bybit publishes
     * its insurance pool's balance and the PnL-drawdown ratios of its ADL rule (ratios E8, balance E8 in the pool's
     * coin), from which {@code risk} is TRIGGERED or NOT_TRIGGERED.
     */
    record AdlNotice(FeedSource source, String symbol, long exchangeTsMs, long receiveTsMs, AdlRisk risk,
                     String insurancePool, long insuranceBalanceE8, long pnlDrawdownRatioE8,
                     long triggerRatioE8, long triggerBalanceE8, long stopRatioE8) implements MarketEvent {
        public AdlNotice {
            Invariants.header(source, symbol, exchangeTsMs, receiveTsMs);
            Invariants.present("ADL risk", risk);
            Invariants.present("insurance pool", insurancePool);
        }

        @Override
        public Kind kind() {
            return Kind.ADL_NOTICE;
        }

        @Override
        public String toLogLine() {
            return Invariants.head(this) + " risk=" + risk + (insurancePool.isEmpty() ? "" : " pool=" + insurancePool)
                    + " balance=" + Invariants.e8(insuranceBalanceE8) + " drawdown="
                    + Invariants.e8(pnlDrawdownRatioE8) + " trigger=" + Invariants.e8(triggerRatioE8)
                    + " triggerBalance=" + Invariants.e8(triggerBalanceE8) + " stop=" + Invariants.e8(stopRatioE8);
        }
    }
}
