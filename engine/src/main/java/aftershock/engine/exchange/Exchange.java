package aftershock.engine.exchange;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.Checks;
import aftershock.engine.api.Command;
import aftershock.engine.api.Event;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.Venue;
import aftershock.engine.book.OrderBook;
import aftershock.engine.halt.CircuitBreaker;
import aftershock.engine.halt.PriceWindow;
import aftershock.engine.liquidation.AdlPolicy;
import aftershock.engine.liquidation.Backstop;
import aftershock.engine.liquidation.LiquidationPolicy;
import aftershock.engine.liquidation.LiquidationIndex;
import aftershock.engine.margin.BracketTable;
import aftershock.engine.margin.CollateralAsset;
import aftershock.engine.margin.Exposure;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.Fixed;
import aftershock.engine.margin.Ledger;
import aftershock.engine.margin.MarginMode;
import aftershock.engine.price.FundingRate;
import aftershock.engine.price.IndexPrice;
import aftershock.engine.price.MarkPrice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The venue across symbols: an order book per perpetual, one {@link Ledger} of accounts and positions, and each
 * symbol's index, mark and funding. Commands in, events out, all on a virtual clock: before each command the clock
 * advances to its time, second by second — index recomputed, the (mid − index) basis sampled for the mark, the
 * premium sampled every 5 s for funding, funding settled at each interval (00/08/16 UTC for 8 h from time 0).
 *
 * <p>Flow of an order: fields and decimals ({@link Venue}) → pre-trade risk (account known, cost to open ≤ available
 * balance, position within the bracket of the leverage) → book (state checks, matching) → each fill booked to both
 * accounts (fee, realized PnL, position) → open-order margin released as orders fill, cancel or expire.
 *
 * <p>After every command and every second: accounts whose margin ratio reached 100% are liquidated by the configured
 * {@link LiquidationPolicy} (Binance, Bybit's tier descent, Hyperliquid), with the insurance fund (account 0), the
 * backstop vault (account −1) and auto-deleveraging behind them; a {@link CircuitBreaker} may halt a symbol (orders
 * queued or rejected, resumption by call auction or plain restart); non-USDT {@link CollateralAsset}s count in cross
 * margin at their haircut value, and their price and haircut changes run the same liquidation check. The whole
 * state is audited by {@link #checkInvariants()} (docs/LIQUIDATION.md).
 */
public final class Exchange {

    /** One perpetual's setup. Index sources name the spot venues whose prices feed its index (equal weights). */
    public record SymbolSetup(Instrument instrument, BracketTable brackets, FeeSchedule fees, int defaultLeverage,
                              List<String> indexSources, long fundingCapE8, long fundingFloorE8, int fundingIntervalHours) {
        public SymbolSetup {
            Objects.requireNonNull(instrument, "instrument");
            indexSources = List.copyOf(indexSources);
            if (indexSources.isEmpty()) {
                throw new IllegalArgumentException(instrument.symbol() + ": the index needs at least one spot source");
            }
        }
    }

    /**
     * Exchange-wide parameters (Binance values by default). Build with {@link #binance()} and the {@code with...}
     * methods; every setting is off or Binance's value unless set.
     *
     * @param circuitBreaker          volatility halts ({@link CircuitBreaker#OFF} by default)
     * @param backstop                the backstop vault as a liquidator in the Binance/Bybit processes (off by default)
     * @param collateralAssets        non-USDT collateral assets (none by default)
     * @param liquidationFeeBySymbolE8 per-symbol liquidation fee rates overriding {@code liquidationFeeRateE8}
     */
    public record Config(int markBasisWindowSeconds, int premiumSampleSeconds, long impactMarginE8,
                         long liquidationFeeRateE8, AdlPolicy adlPolicy, long priceBandE8, long marketTakeBoundE8,
                         LiquidationPolicy liquidationPolicy, boolean checkInvariants, CircuitBreaker circuitBreaker,
                         Backstop backstop, List<CollateralAsset> collateralAssets, Map<String, Long> liquidationFeeBySymbolE8) {

        public Config {
            Objects.requireNonNull(adlPolicy, "adlPolicy");
            Objects.requireNonNull(liquidationPolicy, "liquidationPolicy");
            Objects.requireNonNull(circuitBreaker, "circuitBreaker");
            Objects.requireNonNull(backstop, "backstop");
            collateralAssets = List.copyOf(collateralAssets);
            java.util.Set<String> names = new java.util.TreeSet<>();
            for (CollateralAsset a : collateralAssets) {
                if (!names.add(a.name())) {
                    throw new IllegalArgumentException("collateral asset " + a.name() + " given twice");
                }
            }
            liquidationFeeBySymbolE8 = java.util.Collections.unmodifiableMap(new TreeMap<>(liquidationFeeBySymbolE8));
            for (Map.Entry<String, Long> e : liquidationFeeBySymbolE8.entrySet()) {
                if (e.getValue() < 0 || e.getValue() >= Fixed.E8) {
                    throw new IllegalArgumentException(e.getKey() + ": liquidation fee must be from 0 to below 1");
                }
            }
        }

        /** The original nine settings (no breaker, no backstop, no collateral, one liquidation fee for all symbols). */
        public Config(int markBasisWindowSeconds, int premiumSampleSeconds, long impactMarginE8,
                      long liquidationFeeRateE8, AdlPolicy adlPolicy, long priceBandE8, long marketTakeBoundE8,
                      LiquidationPolicy liquidationPolicy, boolean checkInvariants) {
            this(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy, priceBandE8,
                    marketTakeBoundE8, liquidationPolicy, checkInvariants, CircuitBreaker.OFF, Backstop.OFF, List.of(), Map.of());
        }

        /**
         * Binance values; liquidation fee 1.25% (BTCUSDT and ETHUSDT's {@code liquidationFee} in recent captures).
         * Price bands and market-order protection are off: scenarios turn them on ({@link #withProtection}) so that
         * "no breaker" and "static bands" can be compared.
         */
        public static Config binance() {
            return new Config(30, 5, 200 * Fixed.E8, 1_250_000L, AdlPolicy.BINANCE, 0, 0, LiquidationPolicy.BINANCE, Checks.FULL);
        }

        /**
         * The impact margin (Binance: 200 USDT) whose notional at max leverage defines the impact bid/ask of the
         * premium index; a scaled-down market (a simulation at 1/scale) scales it down too.
         */
        public Config withImpactMargin(long impactMarginE8) {
            if (impactMarginE8 <= 0) {
                throw new IllegalArgumentException("impact margin must be positive: " + impactMarginE8);
            }
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, circuitBreaker, backstop,
                    collateralAssets, liquidationFeeBySymbolE8);
        }

        public Config withChecks(boolean on) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, on, circuitBreaker, backstop, collateralAssets,
                    liquidationFeeBySymbolE8);
        }

        /** The liquidation fee rate of every symbol without its own ({@link #withLiquidationFee(String, long)}). */
        public Config withLiquidationFee(long rateE8) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, rateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, circuitBreaker, backstop,
                    collateralAssets, liquidationFeeBySymbolE8);
        }

        /** A symbol's own liquidation fee rate (Binance publishes {@code liquidationFee} per symbol in exchangeInfo). */
        public Config withLiquidationFee(String symbol, long rateE8) {
            Map<String, Long> fees = new TreeMap<>(liquidationFeeBySymbolE8);
            fees.put(Objects.requireNonNull(symbol, "symbol"), rateE8);
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, circuitBreaker, backstop,
                    collateralAssets, fees);
        }

        /** The liquidation fee rate that applies to a symbol. */
        public long liquidationFeeRateE8(String symbol) {
            Long r = liquidationFeeBySymbolE8.get(symbol);
            return r == null ? liquidationFeeRateE8 : r;
        }

        public Config withAdlPolicy(AdlPolicy policy) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8,
                    Objects.requireNonNull(policy, "policy"), priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants,
                    circuitBreaker, backstop, collateralAssets, liquidationFeeBySymbolE8);
        }

        /**
         * Order price bands (a limit buy above mark × (1 + band) or sell below mark × (1 − band) is rejected, Binance's
         * PERCENT_PRICE) and market-order protection (no fill beyond mark × (1 ± bound), Binance's marketTakeBound);
         * 0 turns either off. Liquidation orders are exempt (they are limited by the bankruptcy price).
         */
        public Config withProtection(long priceBandE8, long marketTakeBoundE8) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, circuitBreaker, backstop,
                    collateralAssets, liquidationFeeBySymbolE8);
        }

        public Config withLiquidationPolicy(LiquidationPolicy policy) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, Objects.requireNonNull(policy, "policy"), checkInvariants, circuitBreaker,
                    backstop, collateralAssets, liquidationFeeBySymbolE8);
        }

        /** Volatility halts on every symbol ({@link CircuitBreaker}; {@link CircuitBreaker#OFF} turns them off). */
        public Config withCircuitBreaker(CircuitBreaker breaker) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, Objects.requireNonNull(breaker, "breaker"),
                    backstop, collateralAssets, liquidationFeeBySymbolE8);
        }

        /**
         * The backstop vault takes over what the book cannot absorb in the Binance and Bybit processes, at the
         * reference price moved by the discount against the liquidated position ({@link Backstop}); in the
         * Hyperliquid process its takeover price (the mark) gets the same discount.
         */
        public Config withBackstop(Backstop.Reference reference, long discountE8) {
            return withBackstop(Backstop.at(reference, discountE8));
        }

        public Config withBackstop(Backstop backstop) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, circuitBreaker,
                    Objects.requireNonNull(backstop, "backstop"), collateralAssets, liquidationFeeBySymbolE8);
        }

        /** Non-USDT collateral assets accepted in cross margin ({@link CollateralAsset}), in their settlement order. */
        public Config withCollateral(CollateralAsset... assets) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants, circuitBreaker, backstop,
                    List.of(assets), liquidationFeeBySymbolE8);
        }
    }

    /** The insurance fund is account 0 of the ledger (the books refuse account 0, so it never trades there). */
    public static final long INSURANCE_FUND = 0L;
    /** The backstop liquidity vault (Hyperliquid's HLP liquidator) is account −1 of the ledger. */
    public static final long BACKSTOP_VAULT = -1L;
    private static final long HL_PARTIAL_NOTIONAL_E8 = 100_000 * Fixed.E8;
    private static final long HL_COOLDOWN_NANOS = 30_000_000_000L;

    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    private static final class OpenOrder {
        final long account;
        final Side side;
        long remainingLots;
        long valueE8;
        long openLossE8;

        OpenOrder(long account, Side side, long remainingLots, long valueE8, long openLossE8) {
            this.account = account;
            this.side = side;
            this.remainingLots = remainingLots;
            this.valueE8 = valueE8;
            this.openLossE8 = openLossE8;
        }
    }

    private final class Sym implements Venue.OrderRisk {
        final int index;
        final SymbolSetup setup;
        final Instrument ins;
        final Venue venue;
        final IndexPrice indexPrice;
        final MarkPrice markPrice;
        final FundingRate funding;
        final long intervalNanos;
        final long impactNotionalE8;
        final Map<Long, OpenOrder> orders = new TreeMap<>();
        /** Untriggered orders: id → {side ordinal, limit price E8 or 0 for market}; valued when they fire. */
        final Map<Long, long[]> untriggered = new TreeMap<>();
        long nextFundingNanos;
        long lastFundingRateE8;
        long indexE8;
        long markE8;
        long reportedMarkE8;
        /** The mark the book last received (the book gets no marks while halted, so no stop fires). */
        long bookMarkE8;
        // Circuit breaker state.
        final PriceWindow window;
        boolean halted;
        long haltUntilNanos;
        /** Index of the tier of the current or last halt, or −1; lower tiers cannot halt again before tierUntilNanos. */
        int haltTier = -1;
        long tierUntilNanos;
        int haltCount;
        List<ExchangeCommand.Order> queue = new ArrayList<>();

        Sym(int index, SymbolSetup setup) {
            this.index = index;
            this.setup = setup;
            this.ins = setup.instrument();
            this.indexPrice = IndexPrice.equalWeights(setup.indexSources().toArray(new String[0]));
            this.markPrice = new MarkPrice(config.markBasisWindowSeconds());
            this.funding = new FundingRate(10_000L, 50_000L, setup.fundingCapE8(), setup.fundingFloorE8(),
                    setup.fundingIntervalHours());
            this.intervalNanos = setup.fundingIntervalHours() * HOUR;
            this.nextFundingNanos = intervalNanos;
            // Impact margin notional = 200 USDT / initial margin rate at max leverage = 200 × max leverage.
            this.impactNotionalE8 = config.impactMarginE8() * setup.brackets().maxLeverage();
            this.venue = new Venue(ins, BookConfig.defaults(), account -> ledger.positionLots(account, this.index), this);
            this.window = config.circuitBreaker().enabled() ? new PriceWindow(config.circuitBreaker().windowNanos()) : null;
        }

        /** The order price band in force: the band of the last halt's tier while its escalation holds, if it sets one. */
        long bandE8() {
            CircuitBreaker cb = config.circuitBreaker();
            if (haltTier >= 0 && (halted || now < tierUntilNanos)) {
                long b = cb.tiers().get(haltTier).priceBandE8();
                if (b > 0) {
                    return b;
                }
            }
            return config.priceBandE8();
        }

        @Override
        public long marketProtectionTicks(Side side) {
            long bound = config.marketTakeBoundE8();
            if (bound <= 0 || markE8 <= 0 || liquidating) {
                return 0;
            }
            long tick = ins.tickSizeE8();
            if (side == Side.BUY) {
                return Math.min(ins.maxPriceTicks(), (markE8 + Fixed.applyRate(markE8, bound, Fixed.Round.FLOOR)) / tick);
            }
            long floor = markE8 - Fixed.applyRate(markE8, bound, Fixed.Round.FLOOR);
            return Math.max(ins.minPriceTicks(), (floor + tick - 1) / tick);
        }

        @Override
        public RejectReason check(long accountId, Side side, OrderType type, long priceTicks, long qtyLots, long stopTicks,
                                  boolean reduceOnly) {
            if (!ledger.hasAccount(accountId)) {
                return RejectReason.UNKNOWN_ACCOUNT;
            }
            long band = bandE8();
            if (band > 0 && markE8 > 0 && type.hasLimitPrice() && !liquidating) {
                long price = ins.priceE8(priceTicks);
                long up = markE8 + Fixed.applyRate(markE8, band, Fixed.Round.FLOOR);
                long down = markE8 - Fixed.applyRate(markE8, band, Fixed.Round.FLOOR);
                if (side == Side.BUY ? price > up : price < down) {
                    return RejectReason.PRICE_OUTSIDE_BAND;
                }
            }
            if (type.isTriggered() || reduceOnly) {
                return null; // conditional orders are checked when they fire; reduce-only orders open nothing
            }
            long qtyE8 = ins.qtyE8(qtyLots);
            long price = assumedPrice(side, type == OrderType.MARKET, ins.priceE8(priceTicks));
            long value = Fixed.mulDiv(qtyE8, price, Fixed.E8, Fixed.Round.CEILING);
            long openLoss = type == OrderType.MARKET ? 0 : Exposure.openLossE8(side, qtyE8, ins.priceE8(priceTicks), markE8);
            long position = ledger.positionLots(accountId, index);
            boolean increases = position == 0 || (position > 0) == (side == Side.BUY) || qtyLots > Math.abs(position);
            if (increases) {
                long after = Fixed.mulDiv(ins.qtyE8(Math.abs(position + side.sign() * qtyLots)), price, Fixed.E8, Fixed.Round.CEILING);
                if (after > setup.brackets().maxNotionalE8(ledger.leverage(accountId, index))) {
                    return RejectReason.MAX_POSITION_EXCEEDED;
                }
            }
            // Cost to open, plus the taker fee the order could pay: an accepted order never leaves the account short.
            long fee = setup.fees().feeE8(value, false);
            if (ledger.orderCostE8(accountId, index, side, value, openLoss) + Math.max(0, fee) > ledger.availableBalanceE8(accountId)) {
                return RejectReason.INSUFFICIENT_MARGIN;
            }
            return null;
        }

        long assumedPrice(Side side, boolean market, long priceE8) {
            OrderBook b = venue.book();
            return Exposure.assumedPriceE8(side, market, priceE8, markE8, ins.priceE8(b.lastPriceTicks()),
                    ins.priceE8(b.bestBidTicks()), ins.priceE8(b.bestAskTicks()));
        }
    }

    /** A collateral asset's configuration and its candidate and chosen prices. */
    private static final class Collateral {
        final CollateralAsset asset;
        final int index;
        long haircutE8;
        long spotE8;
        long oracleE8;
        long redemptionE8;
        long priceE8;
        long unitValueE8;
        long reportedHaircutE8 = -1;

        Collateral(CollateralAsset asset, int index) {
            this.asset = asset;
            this.index = index;
            this.haircutE8 = asset.haircutE8();
        }

        /** The price the asset's pricing policy takes from the candidates (0 while none it uses is known). */
        long chosenPriceE8() {
            return switch (asset.pricing()) {
                case SPOT_BOOK -> spotE8;
                case ORACLE -> oracleE8;
                case REDEMPTION -> {
                    if (redemptionE8 == 0 && spotE8 == 0) {
                        yield 0;
                    }
                    long w = asset.redemptionWeightE8();
                    long p = redemptionE8 == 0 ? spotE8 : spotE8 == 0 ? redemptionE8
                            : Fixed.mulDiv(redemptionE8, w, Fixed.E8, Fixed.Round.FLOOR)
                            + Fixed.mulDiv(spotE8, Fixed.E8 - w, Fixed.E8, Fixed.Round.FLOOR);
                    yield Math.max(p, asset.floorPriceE8());
                }
            };
        }
    }

    private final Config config;
    private final Ledger ledger;
    private final List<Collateral> collateral = new ArrayList<>();
    private final Map<String, Collateral> collateralByName = new TreeMap<>();
    private final LiquidationIndex liquidationIndex;
    private final java.util.TreeSet<Long> dirtyAccounts = new java.util.TreeSet<>();
    private boolean liquidating;
    private final List<Sym> syms = new ArrayList<>();
    private final Map<String, Sym> bySymbol = new LinkedHashMap<>();
    private long now;
    private long seq;
    private List<ExchangeEvent> out = new ArrayList<>();

    public Exchange(List<SymbolSetup> setups, Config config) {
        this.config = Objects.requireNonNull(config, "config");
        List<Ledger.SymbolSpec> specs = new ArrayList<>();
        for (SymbolSetup s : setups) {
            specs.add(new Ledger.SymbolSpec(s.instrument(), s.brackets(), s.fees(), s.defaultLeverage()));
        }
        this.ledger = new Ledger(specs, config.liquidationPolicy() == LiquidationPolicy.BYBIT
                ? aftershock.engine.margin.MaintenanceModel.RISK_LIMIT : aftershock.engine.margin.MaintenanceModel.BRACKET);
        this.ledger.openAccount(INSURANCE_FUND);
        this.ledger.openAccount(BACKSTOP_VAULT);
        for (CollateralAsset asset : config.collateralAssets()) {
            Collateral k = new Collateral(asset, ledger.defineCollateral(asset.name()));
            collateral.add(k);
            collateralByName.put(asset.name(), k);
        }
        this.liquidationIndex = new LiquidationIndex(ledger);
        for (int i = 0; i < setups.size(); i++) {
            Sym sym = new Sym(i, setups.get(i));
            syms.add(sym);
            bySymbol.put(sym.ins.symbol(), sym);
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    public long nowNanos() {
        return now;
    }

    public List<String> symbols() {
        return new ArrayList<>(bySymbol.keySet());
    }

    public OrderBook book(String symbol) {
        return sym(symbol).venue.book();
    }

    public long markPriceE8(String symbol) {
        return sym(symbol).markE8;
    }

    public long indexPriceE8(String symbol) {
        return sym(symbol).indexE8;
    }

    public long lastFundingRateE8(String symbol) {
        return sym(symbol).lastFundingRateE8;
    }

    /** The funding rate the current interval would settle at now (the venue's "predicted" rate), E8. */
    public long predictedFundingRateE8(String symbol) {
        Sym s = sym(symbol);
        return s.funding.samples() == 0 ? s.lastFundingRateE8 : s.funding.rateE8();
    }

    public long nextFundingTimeNanos(String symbol) {
        return sym(symbol).nextFundingNanos;
    }

    private Sym sym(String symbol) {
        Sym s = bySymbol.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        return s;
    }

    /** Executes one command and returns its events, in order. */
    public List<ExchangeEvent> submit(ExchangeCommand c) {
        out = new ArrayList<>();
        if (c.tsNanos() < now) {
            reject(c, 0, null, "TIME_WENT_BACKWARDS");
            return out;
        }
        advanceTo(c.tsNanos());
        for (Sym s : syms) {
            if (s.halted && now >= s.haltUntilNanos) {
                endHalt(s);
            }
        }
        switch (c.kind()) {
            case ORDER -> order((ExchangeCommand.Order) c);
            case DEPOSIT -> {
                ExchangeCommand.Deposit d = (ExchangeCommand.Deposit) c;
                balance(c, d.accountId(), null, "DEPOSIT", d.amountE8(), ledger.deposit(d.accountId(), d.amountE8()));
            }
            case WITHDRAW -> {
                ExchangeCommand.Withdraw w = (ExchangeCommand.Withdraw) c;
                balance(c, w.accountId(), null, "WITHDRAW", -w.amountE8(), ledger.withdraw(w.accountId(), w.amountE8()));
            }
            case SET_LEVERAGE -> {
                ExchangeCommand.SetLeverage l = (ExchangeCommand.SetLeverage) c;
                Sym s = bySymbol.get(l.symbol());
                if (s == null) {
                    reject(c, l.accountId(), l.symbol(), "UNKNOWN_SYMBOL");
                } else {
                    setting(c, l.accountId(), l.symbol(), "leverage", Integer.toString(l.leverage()),
                            ledger.hasAccount(l.accountId()) ? ledger.setLeverage(l.accountId(), s.index, l.leverage())
                                    : Ledger.Refusal.UNKNOWN_ACCOUNT);
                }
            }
            case SET_MARGIN_MODE -> {
                ExchangeCommand.SetMarginMode m = (ExchangeCommand.SetMarginMode) c;
                Sym s = bySymbol.get(m.symbol());
                if (s == null) {
                    reject(c, m.accountId(), m.symbol(), "UNKNOWN_SYMBOL");
                } else if (hasOpenOrders(s, m.accountId())) {
                    reject(c, m.accountId(), m.symbol(), "OPEN_ORDERS");
                } else {
                    setting(c, m.accountId(), m.symbol(), "marginMode", m.mode().name(),
                            ledger.hasAccount(m.accountId()) ? ledger.setMarginMode(m.accountId(), s.index, m.mode())
                                    : Ledger.Refusal.UNKNOWN_ACCOUNT);
                }
            }
            case ADJUST_ISOLATED_MARGIN -> {
                ExchangeCommand.AdjustIsolatedMargin a = (ExchangeCommand.AdjustIsolatedMargin) c;
                Sym s = bySymbol.get(a.symbol());
                if (s == null) {
                    reject(c, a.accountId(), a.symbol(), "UNKNOWN_SYMBOL");
                } else {
                    Ledger.Refusal r = ledger.hasAccount(a.accountId())
                            ? ledger.adjustIsolatedMargin(a.accountId(), s.index, a.deltaE8()) : Ledger.Refusal.UNKNOWN_ACCOUNT;
                    dirtyAccounts.add(a.accountId());
                    if (r != null) {
                        reject(c, a.accountId(), a.symbol(), r.name());
                    } else {
                        emit(new ExchangeEvent.BalanceChanged(++seq, now, a.accountId(), "ISOLATED_MARGIN " + a.symbol(),
                                a.deltaE8(), ledger.walletBalanceE8(a.accountId())));
                    }
                }
            }
            case SPOT_PRICE -> {
                ExchangeCommand.SpotPrice p = (ExchangeCommand.SpotPrice) c;
                Sym s = bySymbol.get(p.symbol());
                int source = s == null ? -1 : s.indexPrice.sourceIndex(p.source());
                if (s == null) {
                    reject(c, 0, p.symbol(), "UNKNOWN_SYMBOL");
                } else if (source < 0) {
                    reject(c, 0, p.symbol(), "UNKNOWN_INDEX_SOURCE " + p.source());
                } else if (p.priceE8() <= 0) {
                    reject(c, 0, p.symbol(), "PRICE_NOT_POSITIVE");
                } else {
                    s.indexPrice.update(source, p.priceE8(), now);
                    refreshPrices(s);
                }
            }
            case ADVANCE_TIME -> {
            }
            case DEPOSIT_COLLATERAL -> {
                ExchangeCommand.DepositCollateral d = (ExchangeCommand.DepositCollateral) c;
                Collateral k = collateralByName.get(d.asset());
                Ledger.Refusal r = k == null ? Ledger.Refusal.UNKNOWN_ASSET : ledger.depositCollateral(d.accountId(), k.index, d.unitsE8());
                if (r != null) {
                    reject(c, d.accountId(), null, r.name());
                } else {
                    dirtyAccounts.add(d.accountId());
                    emit(new ExchangeEvent.CollateralChanged(++seq, now, d.accountId(), d.asset(), "DEPOSIT", d.unitsE8(),
                            ledger.collateralUnitsE8(d.accountId(), k.index),
                            Fixed.mulDiv(d.unitsE8(), k.unitValueE8, Fixed.E8, Fixed.Round.FLOOR)));
                }
            }
            case COLLATERAL_PRICE -> {
                ExchangeCommand.CollateralPrice p = (ExchangeCommand.CollateralPrice) c;
                Collateral k = collateralByName.get(p.asset());
                if (k == null) {
                    reject(c, 0, null, "UNKNOWN_ASSET");
                } else if (p.source() == null) {
                    reject(c, 0, null, "MISSING_FIELD");
                } else if (p.priceE8() <= 0) {
                    reject(c, 0, null, "PRICE_NOT_POSITIVE");
                } else {
                    switch (p.source()) {
                        case SPOT_BOOK -> k.spotE8 = p.priceE8();
                        case ORACLE -> k.oracleE8 = p.priceE8();
                        case REDEMPTION -> k.redemptionE8 = p.priceE8();
                    }
                    revalue(k);
                }
            }
            case SET_HAIRCUT -> {
                ExchangeCommand.SetHaircut h = (ExchangeCommand.SetHaircut) c;
                Collateral k = collateralByName.get(h.asset());
                if (k == null) {
                    reject(c, 0, null, "UNKNOWN_ASSET");
                } else if (h.haircutE8() < 0 || h.haircutE8() > Fixed.E8) {
                    reject(c, 0, null, "HAIRCUT_OUT_OF_RANGE");
                } else {
                    k.haircutE8 = h.haircutE8();
                    revalue(k);
                }
            }
            case SETTLE_FUNDING -> {
                ExchangeCommand.SettleFunding f = (ExchangeCommand.SettleFunding) c;
                Sym s = bySymbol.get(f.symbol());
                if (s == null) {
                    reject(c, 0, f.symbol(), "UNKNOWN_SYMBOL");
                } else {
                    settle(s, false);
                }
            }
        }
        liquidations();
        for (Sym s : syms) {
            checkBreaker(s);
        }
        for (Sym s : syms) {
            if (s.markE8 != s.reportedMarkE8) {
                s.reportedMarkE8 = s.markE8;
                emit(new ExchangeEvent.MarkPrice(++seq, now, s.ins.symbol(), s.markE8, s.indexE8));
            }
        }
        if (config.checkInvariants()) {
            checkInvariants();
        }
        return out;
    }

    private boolean hasOpenOrders(Sym s, long account) {
        for (OpenOrder o : s.orders.values()) {
            if (o.account == account) {
                return true;
            }
        }
        return false;
    }

    private void order(ExchangeCommand.Order c) {
        Sym s = bySymbol.get(c.symbol());
        if (s == null) {
            reject(c, 0, c.symbol(), "UNKNOWN_SYMBOL");
            return;
        }
        if (s.halted && held(s, c)) {
            return;
        }
        Command inner = retime(c.command(), now);
        s.venue.submit(inner, e -> onBookEvent(s, e));
    }

    /**
     * An order command during a halt: new orders and amendments join the queue under the QUEUE policy (while it has
     * room); a cancel by client id of a queued order, and a cancel-all, drop queued orders. Returns whether the
     * command was fully handled here; otherwise it goes to the (halted) venue, which cancels or rejects.
     */
    private boolean held(Sym s, ExchangeCommand.Order c) {
        CircuitBreaker cb = config.circuitBreaker();
        Command inner = c.command();
        switch (inner.kind()) {
            case PLACE, AMEND -> {
                if (cb.duringHalt() != CircuitBreaker.DuringHalt.QUEUE || s.queue.size() >= cb.queueCapacity()) {
                    return false;
                }
                s.queue.add(c);
                boolean place = inner.kind() == Command.Kind.PLACE;
                long account = place ? ((Command.PlaceOrder) inner).accountId() : ((Command.AmendOrder) inner).accountId();
                emit(new ExchangeEvent.QueuedOrder(++seq, now, s.ins.symbol(), account,
                        place ? ((Command.PlaceOrder) inner).clientOrderId() : 0,
                        place ? 0 : ((Command.AmendOrder) inner).orderId(), inner.kind().name(), "QUEUED", s.queue.size()));
                return true;
            }
            case CANCEL -> {
                Command.CancelOrder x = (Command.CancelOrder) inner;
                if (x.orderId() == 0 && x.clientOrderId() != 0) {
                    for (int i = 0; i < s.queue.size(); i++) {
                        if (s.queue.get(i).command() instanceof Command.PlaceOrder p && p.accountId() == x.accountId()
                                && p.clientOrderId() == x.clientOrderId()) {
                            s.queue.remove(i);
                            emit(new ExchangeEvent.QueuedOrder(++seq, now, s.ins.symbol(), p.accountId(), p.clientOrderId(), 0,
                                    "PLACE", "DROPPED", s.queue.size()));
                            return true;
                        }
                    }
                }
                return false;
            }
            case CANCEL_ALL -> {
                long account = ((Command.CancelAll) inner).accountId();
                for (int i = 0; i < s.queue.size(); ) {
                    Command q = s.queue.get(i).command();
                    boolean place = q instanceof Command.PlaceOrder;
                    long owner = place ? ((Command.PlaceOrder) q).accountId() : ((Command.AmendOrder) q).accountId();
                    if (owner == account) {
                        s.queue.remove(i);
                        emit(new ExchangeEvent.QueuedOrder(++seq, now, s.ins.symbol(), owner,
                                place ? ((Command.PlaceOrder) q).clientOrderId() : 0,
                                place ? 0 : ((Command.AmendOrder) q).orderId(), q.kind().name(), "DROPPED", s.queue.size()));
                    } else {
                        i++;
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- circuit breaker

    private long breakerArmedFromNanos;

    /**
     * Arms the circuit breakers only from {@code tsNanos} on (prices before it are not watched): a simulation opens
     * its starting positions in a warm-up whose trades span the entry prices and must not halt the market.
     */
    public void armCircuitBreakersFrom(long tsNanos) {
        this.breakerArmedFromNanos = tsNanos;
    }

    /** The price the breaker watches (E8), or 0 when there is none yet. */
    private long triggerPriceE8(Sym s) {
        if (config.circuitBreaker().triggerPrice() == CircuitBreaker.TriggerPrice.MARK) {
            return s.markE8;
        }
        long last = s.venue.book().lastPriceTicks();
        return last == OrderBook.NO_PRICE ? 0 : s.ins.priceE8(last);
    }

    /**
     * Samples the trigger price into the window and halts the symbol when it moved more than a tier's threshold from
     * the window's high (down) or low (up): the highest such tier above the one whose escalation still holds.
     * Checked after every command, every second, and after each liquidation (a cascade can trip the breaker).
     */
    private void checkBreaker(Sym s) {
        CircuitBreaker cb = config.circuitBreaker();
        long p = cb.enabled() && now >= breakerArmedFromNanos ? triggerPriceE8(s) : 0;
        if (p <= 0) {
            return;
        }
        s.window.add(now, p);
        if (s.halted) {
            return;
        }
        if (s.haltTier >= 0 && now >= s.tierUntilNanos) {
            s.haltTier = -1;
        }
        long high = s.window.highE8(now);
        long low = s.window.lowE8(now);
        long down = Fixed.mulDiv(high - p, Fixed.E8, high, Fixed.Round.FLOOR);
        long up = Fixed.mulDiv(p - low, Fixed.E8, low, Fixed.Round.FLOOR);
        long move = Math.max(down, up);
        int tier = -1;
        for (int k = cb.tiers().size() - 1; k > s.haltTier; k--) {
            if (move > cb.tiers().get(k).moveE8()) {
                tier = k;
                break;
            }
        }
        if (tier < 0) {
            return;
        }
        CircuitBreaker.Tier t = cb.tiers().get(tier);
        s.halted = true;
        s.haltUntilNanos = now + t.haltNanos();
        s.haltTier = tier;
        s.tierUntilNanos = Long.MAX_VALUE;
        s.haltCount++;
        s.venue.setTradingHalted(true);
        boolean isDown = down >= up;
        emit(new ExchangeEvent.Halt(++seq, now, s.ins.symbol(), "START", isDown ? "PRICE_DOWN" : "PRICE_UP", tier + 1,
                isDown ? high : low, p, move, s.haltUntilNanos));
    }

    /**
     * Ends a halt: trading resumes in the continuous book with the queued commands submitted in arrival order, or
     * through a call auction that collects them and uncrosses the book at one price (reference: the last price, else
     * the mark). The book then gets the current mark (stops it reaches fire), and the tier's escalation holds for one
     * window from now.
     */
    private void endHalt(Sym s) {
        CircuitBreaker cb = config.circuitBreaker();
        s.halted = false;
        s.venue.setTradingHalted(false);
        s.tierUntilNanos = now + cb.windowNanos();
        List<ExchangeCommand.Order> queued = s.queue;
        s.queue = new ArrayList<>();
        boolean auction = cb.resumption() == CircuitBreaker.Resumption.AUCTION;
        long last = s.venue.book().lastPriceTicks();
        long reference = last != OrderBook.NO_PRICE ? s.ins.priceE8(last) : s.markE8;
        emit(new ExchangeEvent.Halt(++seq, now, s.ins.symbol(), "END", auction ? "AUCTION" : "RESUME", s.haltTier + 1,
                reference, triggerPriceE8(s), 0, now));
        if (auction) {
            s.venue.beginAuction();
        }
        for (ExchangeCommand.Order q : queued) {
            order(q);
        }
        if (auction) {
            int before = out.size();
            long price = s.venue.uncross(now, reference, e -> onBookEvent(s, e));
            long qty = 0;
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof ExchangeEvent.Book b && b.event() instanceof Event.Trade t) {
                    qty += t.qtyE8();
                }
            }
            emit(new ExchangeEvent.Auction(++seq, now, s.ins.symbol(), price, qty, reference, queued.size()));
        }
        if (s.markE8 > 0 && s.bookMarkE8 != s.markE8) {
            s.bookMarkE8 = s.markE8;
            s.venue.submit(new Command.UpdateMarkPrice(now, s.markE8), e -> onBookEvent(s, e));
        }
    }

    // ----------------------------------------------------------------------------------------------- collateral

    /**
     * Re-values a collateral asset after a candidate price or its haircut changed: unit value = chosen price ×
     * (1 − haircut), rounded down; every holder's margin changes, so each is re-indexed and the liquidation check that
     * follows the command sees it (a depeg or a haircut cut liquidates through the same engine).
     */
    private void revalue(Collateral k) {
        long price = k.chosenPriceE8();
        long unitValue = price <= 0 ? 0 : Fixed.mulDiv(price, Fixed.E8 - k.haircutE8, Fixed.E8, Fixed.Round.FLOOR);
        if (price == k.priceE8 && unitValue == k.unitValueE8 && k.haircutE8 == k.reportedHaircutE8) {
            return;
        }
        k.priceE8 = price;
        k.unitValueE8 = unitValue;
        k.reportedHaircutE8 = k.haircutE8;
        ledger.setCollateralUnitValue(k.index, unitValue);
        emit(new ExchangeEvent.CollateralPrice(++seq, now, k.asset.name(), k.asset.pricing().name(), price, k.haircutE8, unitValue));
        dirtyAccounts.addAll(ledger.collateralHolders(k.index));
    }

    private Collateral collateral(String asset) {
        Collateral k = collateralByName.get(asset);
        if (k == null) {
            throw new IllegalArgumentException("unknown collateral asset " + asset);
        }
        return k;
    }

    /** The price a collateral asset is valued at (its pricing policy's choice; 0 while unknown). */
    public long collateralPriceE8(String asset) {
        return collateral(asset).priceE8;
    }

    public long collateralHaircutE8(String asset) {
        return collateral(asset).haircutE8;
    }

    /** What one unit of the asset counts for in margin: price × (1 − haircut), rounded down. */
    public long collateralUnitValueE8(String asset) {
        return collateral(asset).unitValueE8;
    }

    /** Units (E8) of a collateral asset an account holds. */
    public long collateralUnitsE8(long account, String asset) {
        return ledger.hasAccount(account) ? ledger.collateralUnitsE8(account, collateral(asset).index) : 0;
    }

    // ----------------------------------------------------------------------------------------------- fund, vault, conservation

    /** The insurance fund's equity: USDT + collateral at haircut value + unrealized PnL of what it took over. */
    public long insuranceFundEquityE8() {
        return ledger.marginBalanceE8(INSURANCE_FUND);
    }

    /** The backstop vault's equity: USDT + collateral at haircut value + unrealized PnL of its positions. */
    public long backstopVaultEquityE8() {
        return ledger.marginBalanceE8(BACKSTOP_VAULT);
    }

    /** The backstop vault's PnL: its equity minus what was deposited into it (net of withdrawals). */
    public long backstopVaultPnlE8() {
        return backstopVaultEquityE8() - ledger.netDepositsE8(BACKSTOP_VAULT);
    }

    /** The backstop vault's realized PnL (closed parts of its positions; the margin it keeps is in its equity). */
    public long backstopVaultRealizedPnlE8() {
        return ledger.realizedPnlE8(BACKSTOP_VAULT);
    }

    /**
     * The conservation statement, exact to the unit: deposits − withdrawals = traders + insurance fund + backstop
     * vault + fees + funding remainder − socialized losses, each account counted at its book value (wallet − cost
     * bases of its positions: the mark-free form, equal to equity up to the rounding of unrealized PnL since
     * positions sum to zero); and per collateral asset, units deposited = units held. USDT only in the money terms:
     * collateral is counted in its own units.
     */
    public record Conservation(long depositsE8, long withdrawalsE8, long tradersE8, long insuranceFundE8, long backstopVaultE8,
                               long feesE8, long fundingRemainderE8, long socializedLossE8,
                               Map<String, Long> collateralDepositedUnitsE8, Map<String, Long> collateralHeldUnitsE8) {
        /** Whether both sides agree to the unit, in USDT and in every collateral asset. */
        public boolean balanced() {
            return depositsE8 - withdrawalsE8 == tradersE8 + insuranceFundE8 + backstopVaultE8 + feesE8 + fundingRemainderE8
                    - socializedLossE8 && collateralDepositedUnitsE8.equals(collateralHeldUnitsE8);
        }
    }

    public Conservation conservation() {
        long traders = 0;
        for (long a : ledger.accountIds()) {
            if (a != INSURANCE_FUND && a != BACKSTOP_VAULT) {
                traders = Math.addExact(traders, ledger.bookValueE8(a));
            }
        }
        Map<String, Long> deposited = new TreeMap<>();
        Map<String, Long> held = new TreeMap<>();
        for (Collateral k : collateral) {
            deposited.put(k.asset.name(), ledger.collateralDepositsE8(k.index));
            long units = 0;
            for (long a : ledger.collateralHolders(k.index)) {
                units = Math.addExact(units, ledger.collateralUnitsE8(a, k.index));
            }
            held.put(k.asset.name(), units);
        }
        return new Conservation(ledger.depositsE8(), ledger.withdrawalsE8(), traders, ledger.bookValueE8(INSURANCE_FUND),
                ledger.bookValueE8(BACKSTOP_VAULT), ledger.feesCollectedE8(), ledger.fundingRemainderE8(),
                ledger.socializedLossE8(), java.util.Collections.unmodifiableMap(deposited), java.util.Collections.unmodifiableMap(held));
    }

    /** Whether the symbol is halted by its circuit breaker now. */
    public boolean isHalted(String symbol) {
        return sym(symbol).halted;
    }

    /** How many halts the symbol has had. */
    public int haltCount(String symbol) {
        return sym(symbol).haltCount;
    }

    /** When the symbol's current halt ends (ns), or 0 when it is not halted. */
    public long haltEndNanos(String symbol) {
        Sym s = sym(symbol);
        return s.halted ? s.haltUntilNanos : 0;
    }

    /** The order price band (E8) in force for the symbol: the configured one, or a halt tier's wider one. */
    public long priceBandE8(String symbol) {
        return sym(symbol).bandE8();
    }

    /** The book command with the exchange's clock as its time. */
    private static Command retime(Command c, long ts) {
        return switch (c.kind()) {
            case PLACE -> {
                Command.PlaceOrder p = (Command.PlaceOrder) c;
                yield new Command.PlaceOrder(ts, p.accountId(), p.clientOrderId(), p.side(), p.type(), p.timeInForce(),
                        p.priceE8(), p.qtyE8(), p.stopPriceE8(), p.workingType(), p.reduceOnly(), p.stpMode());
            }
            case CANCEL -> {
                Command.CancelOrder x = (Command.CancelOrder) c;
                yield new Command.CancelOrder(ts, x.accountId(), x.orderId(), x.clientOrderId());
            }
            case CANCEL_ALL -> new Command.CancelAll(ts, ((Command.CancelAll) c).accountId());
            case AMEND -> {
                Command.AmendOrder a = (Command.AmendOrder) c;
                yield new Command.AmendOrder(ts, a.accountId(), a.orderId(), a.priceE8(), a.qtyE8());
            }
            case MARK_PRICE -> throw new IllegalArgumentException("mark prices come from the exchange's own index");
        };
    }

    private void onBookEvent(Sym s, Event e) {
        emit(new ExchangeEvent.Book(++seq, now, s.ins.symbol(), e));
        switch (e.kind()) {
            case ACCEPTED -> {
                Event.OrderAccepted a = (Event.OrderAccepted) e;
                if (!a.type().isTriggered()) {
                    reserve(s, a.orderId(), a.accountId(), a.side(), a.type() == OrderType.MARKET, a.priceE8(), a.qtyE8());
                } else {
                    s.untriggered.put(a.orderId(), new long[] {a.side().ordinal(), a.priceE8()});
                }
            }
            case TRIGGERED -> {
                Event.OrderTriggered t = (Event.OrderTriggered) e;
                // A fired stop becomes a market or limit order: value it now.
                long[] u = s.untriggered.remove(t.orderId());
                long remaining = s.venue.book().remainingLots(t.orderId());
                if (u != null && remaining > 0) {
                    reserve(s, t.orderId(), t.accountId(), Side.ofOrdinal((int) u[0]), u[1] == 0, u[1], s.ins.qtyE8(remaining));
                }
            }
            case TRADE -> {
                Event.Trade t = (Event.Trade) e;
                long priceTicks = t.priceE8() / s.ins.tickSizeE8();
                long lots = t.qtyE8() / s.ins.stepSizeE8();
                fill(s, t.takerOrderId(), t.takerAccountId(), t.aggressorSide(), priceTicks, lots, false, t);
                fill(s, t.makerOrderId(), t.makerAccountId(), t.aggressorSide().opposite(), priceTicks, lots, true, t);
            }
            case CANCELLED -> {
                Event.OrderCancelled x = (Event.OrderCancelled) e;
                s.untriggered.remove(x.orderId());
                release(s, x.orderId(), x.remainingQtyE8());
            }
            case EXPIRED -> release(s, ((Event.OrderExpired) e).orderId(), ((Event.OrderExpired) e).remainingQtyE8());
            case AMENDED -> {
                Event.OrderAmended a = (Event.OrderAmended) e;
                OpenOrder o = s.orders.get(a.orderId());
                if (o != null) {
                    release(s, a.orderId(), s.ins.qtyE8(o.remainingLots));
                    reserve(s, a.orderId(), o.account, o.side, false, a.priceE8(), a.remainingQtyE8());
                }
            }
            case REJECTED -> {
            }
        }
    }

    private void reserve(Sym s, long orderId, long account, Side side, boolean market, long priceE8, long qtyE8) {
        long price = s.assumedPrice(side, market, priceE8);
        long value = Fixed.mulDiv(qtyE8, price, Fixed.E8, Fixed.Round.CEILING);
        long openLoss = market ? 0 : Exposure.openLossE8(side, qtyE8, priceE8, s.markE8);
        OpenOrder o = new OpenOrder(account, side, qtyE8 / s.ins.stepSizeE8(), value, openLoss);
        s.orders.put(orderId, o);
        ledger.addOpenOrder(account, s.index, side, value, openLoss);
    }

    /** Releases the share of an order's reservation that {@code qtyE8} of it represents. */
    private void release(Sym s, long orderId, long qtyE8) {
        OpenOrder o = s.orders.get(orderId);
        if (o == null) {
            return;
        }
        long lots = Math.min(o.remainingLots, qtyE8 / s.ins.stepSizeE8());
        long value = lots == o.remainingLots ? o.valueE8 : Fixed.mulDiv(o.valueE8, lots, o.remainingLots, Fixed.Round.FLOOR);
        long loss = lots == o.remainingLots ? o.openLossE8 : Fixed.mulDiv(o.openLossE8, lots, o.remainingLots, Fixed.Round.FLOOR);
        ledger.addOpenOrder(o.account, s.index, o.side, -value, -loss);
        o.valueE8 -= value;
        o.openLossE8 -= loss;
        o.remainingLots -= lots;
        if (o.remainingLots == 0) {
            s.orders.remove(orderId);
        }
    }

    private void fill(Sym s, long orderId, long account, Side side, long priceTicks, long lots, boolean maker, Event.Trade t) {
        release(s, orderId, s.ins.qtyE8(lots));
        Ledger.FillResult r = ledger.applyFill(account, s.index, side, priceTicks, lots, maker);
        dirtyAccounts.add(account);
        emit(new ExchangeEvent.Fill(++seq, now, account, s.ins.symbol(), orderId, side, t.priceE8(), t.qtyE8(), maker,
                r.feeE8(), r.realizedPnlE8(), s.ins.qtyE8(r.sizeAfterLots()), ledger.entryPriceE8(account, s.index),
                ledger.walletBalanceE8(account)));
        if (r.sizeAfterLots() == 0 && account > 0 && ledger.crossWalletE8(account) < 0
                && ledger.crossPositionCount(account) == 0
                && ledger.crossWalletE8(account) + ledger.collateralValueE8(account) < 0) {
            // A close that filled beyond the bankruptcy price (a gap through a thin book) left the account owing: the
            // fund tops it up to zero as after a liquidation, and what it cannot cover is socialized.
            settleNegative(account, s, 0);
        }
    }

    // ----------------------------------------------------------------------------------------------- time and prices

    private void advanceTo(long ts) {
        long nextSecond = (now / SECOND + 1) * SECOND;
        while (nextSecond <= ts) {
            now = nextSecond;
            for (Sym s : syms) {
                onSecond(s);
            }
            nextSecond += SECOND;
        }
        now = ts;
    }

    private void onSecond(Sym s) {
        if (s.halted && now >= s.haltUntilNanos) {
            endHalt(s);
        }
        s.indexE8 = s.indexPrice.compute(now);
        if (s.indexE8 > 0) {
            OrderBook b = s.venue.book();
            if (b.bestBidTicks() != OrderBook.NO_PRICE && b.bestAskTicks() != OrderBook.NO_PRICE) {
                long mid = s.ins.priceE8(b.bestBidTicks() + b.bestAskTicks()) / 2;
                s.markPrice.sampleBasis(mid, s.indexE8);
            }
            if (now % (config.premiumSampleSeconds() * SECOND) == 0) {
                long bid = b.impactPriceE8(Side.SELL, s.impactNotionalE8);
                long ask = b.impactPriceE8(Side.BUY, s.impactNotionalE8);
                s.funding.sample(FundingRate.premiumE8(bid, ask, s.indexE8));
            }
        }
        if (now >= s.nextFundingNanos) {
            settle(s, true);
        }
        refreshPrices(s);
        liquidations();
        checkBreaker(s);
    }

    private void refreshPrices(Sym s) {
        s.indexE8 = s.indexPrice.compute(now);
        long last = s.ins.priceE8(s.venue.book().lastPriceTicks());
        long mark = s.markPrice.compute(s.indexE8, last, s.lastFundingRateE8, s.nextFundingNanos - now, s.intervalNanos);
        if (mark > 0 && mark != s.markE8) {
            s.markE8 = mark;
            ledger.setMarkPrice(s.index, mark);
            if (!s.halted) {
                s.bookMarkE8 = mark;
                s.venue.submit(new Command.UpdateMarkPrice(now, mark), e -> onBookEvent(s, e));
            }
        }
    }

    private void settle(Sym s, boolean scheduled) {
        long rate = s.funding.rateE8();
        if (scheduled) {
            s.nextFundingNanos += s.intervalNanos;
        }
        if (s.markE8 <= 0) {
            emit(new ExchangeEvent.Rejected(++seq, now, "SETTLE_FUNDING", 0, s.ins.symbol(), "NO_MARK_PRICE"));
            s.funding.reset();
            return;
        }
        List<Ledger.FundingPayment> payments = ledger.settleFunding(s.index, rate);
        s.lastFundingRateE8 = rate;
        s.funding.reset();
        emit(new ExchangeEvent.FundingRate(++seq, now, s.ins.symbol(), rate, s.markE8, s.nextFundingNanos));
        for (Ledger.FundingPayment p : payments) {
            dirtyAccounts.add(p.accountId());
            emit(new ExchangeEvent.FundingPayment(++seq, now, p.accountId(), s.ins.symbol(), p.amountE8()));
        }
    }

    // ----------------------------------------------------------------------------------------------- liquidation

    /**
     * Finds and liquidates every account whose margin ratio reached 100% at the current marks, repeatedly, until none
     * is left (a liquidation's fills, takeovers and ADL can push others over). Bounded: each liquidation closes a
     * position, and positions are finite; the guard turns a bug into an exception instead of a hang.
     */
    private void liquidations() {
        if (liquidating) {
            return;
        }
        liquidating = true;
        try {
            long[] found = new long[256];
            for (int guard = 0; ; guard++) {
                if (guard > 1_000_000) {
                    throw new IllegalStateException("liquidation loop did not settle");
                }
                flushDirty();
                boolean any = false;
                for (Sym s : syms) {
                    if (s.markE8 <= 0) {
                        continue;
                    }
                    int k = liquidationIndex.liquidatable(s.index, s.markE8, found);
                    for (int i = 0; i < k; i++) {
                        long account = found[i];
                        if (account != INSURANCE_FUND && account != BACKSTOP_VAULT && stillLiquidatable(account, s.index)) {
                            any |= switch (config.liquidationPolicy()) {
                                case HYPERLIQUID -> liquidateHyperliquid(account, s);
                                case BYBIT -> liquidateBybit(account, s);
                                case BINANCE -> liquidate(account, s);
                            };
                            checkBreaker(s);
                        }
                    }
                }
                if (!any) {
                    return;
                }
            }
        } finally {
            liquidating = false;
        }
    }

    /**
     * Re-indexes every account whose margin changed. A trader's account left with no cross position, a negative
     * USDT balance and collateral settles that balance at once from its collateral ({@link #settleNegative}). The
     * insurance fund and the backstop vault are never liquidated and keep what they take over; when their USDT plus
     * their collateral's haircut value falls below zero (funding paid or ADL suffered on those positions) the
     * shortfall is a socialized loss ({@code BalanceChanged} SOCIALIZED_LOSS): the venue has nothing left to cover it.
     */
    private void flushDirty() {
        while (!dirtyAccounts.isEmpty()) {
            long a = dirtyAccounts.pollFirst();
            if (!ledger.hasAccount(a)) {
                continue;
            }
            if (a > 0 && ledger.crossWalletE8(a) < 0 && ledger.crossPositionCount(a) == 0 && ledger.hasCollateral(a)) {
                settleNegative(a, null, 0);
            }
            long shortfall = a <= 0 ? -(ledger.crossWalletE8(a) + ledger.collateralValueE8(a)) : 0;
            if (shortfall > 0) {
                ledger.socializeLoss(a, shortfall);
                emit(new ExchangeEvent.BalanceChanged(++seq, now, a, "SOCIALIZED_LOSS", shortfall, ledger.walletBalanceE8(a)));
            }
            liquidationIndex.update(a);
        }
    }

    private boolean stillLiquidatable(long account, int symbol) {
        if (ledger.positionLots(account, symbol) == 0) {
            return false;
        }
        return ledger.marginMode(account, symbol) == MarginMode.ISOLATED ? ledger.isolatedLiquidatable(account, symbol)
                : ledger.crossLiquidatable(account);
    }

    private void liq(long account, Sym s, String stage, long qtyE8, long priceE8, long bp, long amountE8, long counterparty,
                     long deviationE8) {
        emit(new ExchangeEvent.Liquidation(++seq, now, account, s.ins.symbol(), stage, qtyE8, priceE8, s.markE8, bp,
                amountE8, counterparty, deviationE8));
    }

    private final Map<Long, Long> lastPartialNanos = new TreeMap<>();

    /**
     * Hyperliquid's process for one position: below ⅔ of maintenance margin the backstop vault takes it over at the
     * mark and keeps what is left of the margin; otherwise market orders into the book, 20% at a time with a 30 s
     * cooldown above 100,000 USDT of notional. Returns false while the cooldown holds (nothing done).
     */
    private boolean liquidateHyperliquid(long a, Sym s) {
        boolean isolated = ledger.marginMode(a, s.index) == MarginMode.ISOLATED;
        long lots = ledger.positionLots(a, s.index);
        long equity = isolated ? ledger.isolatedWalletE8(a, s.index) + ledger.unrealizedPnlE8(a, s.index)
                : ledger.crossMarginBalanceE8(a);
        long maintenance = isolated ? ledger.maintenanceMarginE8(a, s.index) : ledger.crossMaintenanceMarginE8(a);
        long bp = bankruptcyE8(a, s);
        Side close = lots > 0 ? Side.SELL : Side.BUY;
        if (equity < 0) {
            // Hyperliquid: an account (or isolated position) whose value went negative is auto-deleveraged — each
            // position closed against opposite positions by the ADL policy (Hyperliquid's: at the mark) — and what it
            // still owes goes to the insurance fund or is socialized.
            liq(a, s, "START", s.ins.qtyE8(lots), 0, bp, equity, -1, 0);
            liq(a, s, "NEGATIVE_EQUITY", 0, 0, bp, equity, -1, 0);
            cancelOrders(a, s, isolated);
            for (Sym t : syms) {
                long p = ledger.positionLots(a, t.index);
                if (p == 0 || (t != s && (isolated || ledger.marginMode(a, t.index) == MarginMode.ISOLATED))) {
                    continue;
                }
                adl(a, t, p > 0 ? Side.SELL : Side.BUY, Math.abs(p), bankruptcyE8(a, t));
            }
            settleNegative(a, s, bp);
            dirtyAccounts.add(a);
            liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
            return true;
        }
        if (3 * equity < 2 * maintenance) {
            liq(a, s, "START", s.ins.qtyE8(lots), 0, bp, equity, -1, 0);
            cancelOrders(a, s, isolated);
            // Cross: the whole account goes to the vault; isolated: this position. At the mark, less the configured
            // backstop discount (none by default).
            long discount = config.backstop().enabled() ? config.backstop().discountE8() : 0;
            long walletBefore = ledger.crossWalletE8(a);
            for (Sym t : syms) {
                long p = ledger.positionLots(a, t.index);
                if (p == 0 || (t != s && (isolated || ledger.marginMode(a, t.index) == MarginMode.ISOLATED))) {
                    continue;
                }
                Side c = p > 0 ? Side.SELL : Side.BUY;
                long cut = Fixed.applyRate(t.markE8, discount, Fixed.Round.CEILING);
                long price = p > 0 ? t.markE8 - cut : t.markE8 + cut;
                ledger.applyTransfer(a, t.index, c, Math.abs(p), price);
                ledger.applyTransfer(BACKSTOP_VAULT, t.index, c.opposite(), Math.abs(p), price);
                liq(a, t, "BACKSTOP", t.ins.qtyE8(Math.abs(p)), price, bankruptcyE8(a, t), 0, BACKSTOP_VAULT,
                        Math.abs(price - t.markE8));
            }
            // What is left of the position's margin (cross: the cross wallet; isolated: what closing returned to it).
            long left = isolated ? ledger.crossWalletE8(a) - walletBefore : ledger.crossWalletE8(a);
            if (left > 0) {
                ledger.transfer(a, BACKSTOP_VAULT, left); // the maintenance margin is not returned
                liq(a, s, "MARGIN_TO_VAULT", 0, 0, bp, left, BACKSTOP_VAULT, 0);
            }
            settleNegative(a, s, bp);
            dirtyAccounts.add(a);
            dirtyAccounts.add(BACKSTOP_VAULT);
            liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
            return true;
        }
        Long last = lastPartialNanos.get(a);
        if (s.halted || (last != null && now - last < HL_COOLDOWN_NANOS)) {
            return false; // a halted book takes no orders: the position waits (or goes to the vault below ⅔)
        }
        long abs = Math.abs(lots);
        long qty = ledger.notionalE8(a, s.index) > HL_PARTIAL_NOTIONAL_E8 ? Math.max(1, abs / 5) : abs;
        liq(a, s, "START", s.ins.qtyE8(lots), 0, bp, equity, -1, 0);
        int before = out.size();
        long remaining = qty;
        while (remaining > 0) {
            long chunk = Math.min(remaining, s.ins.marketMaxQtyLots());
            s.venue.submit(new Command.PlaceOrder(now, a, 0, close, OrderType.MARKET, aftershock.engine.api.TimeInForce.IOC,
                    0, s.ins.qtyE8(chunk), 0, aftershock.engine.api.WorkingType.CONTRACT_PRICE, true,
                    aftershock.engine.api.StpMode.NONE), e -> onBookEvent(s, e));
            remaining -= chunk;
        }
        long[] filled = fillsSince(before, a, s);
        long filledE8 = filled[0];
        long notionalE8 = filled[1];
        liq(a, s, qty < abs ? "PARTIAL_ORDER" : "ORDER", filledE8,
                filledE8 == 0 ? 0 : Fixed.mulDiv(notionalE8, Fixed.E8, filledE8, Fixed.Round.HALF_EVEN), bp, notionalE8, -1, 0);
        lastPartialNanos.put(a, now);
        settleNegative(a, s, bp);
        dirtyAccounts.add(a);
        liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
        return filledE8 > 0;
    }

    /** Cancels the account's open orders: on every symbol for cross margin, on {@code s} for an isolated position. */
    private boolean cancelOrders(long a, Sym s, boolean isolated) {
        boolean cancelled = false;
        for (Sym t : syms) {
            if ((t == s || !isolated) && hasOpenOrders(t, a)) {
                t.venue.submit(new Command.CancelAll(now, a), e -> onBookEvent(t, e));
                cancelled = true;
            }
        }
        return cancelled;
    }

    /** {quantity E8, notional E8} of the account's fills on the symbol among the events emitted since {@code before}. */
    private long[] fillsSince(int before, long a, Sym s) {
        long qty = 0;
        long notional = 0;
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof ExchangeEvent.Fill f && f.accountId() == a && f.symbol().equals(s.ins.symbol())) {
                qty += f.qtyE8();
                notional += Fixed.mulDiv(f.qtyE8(), f.priceE8(), Fixed.E8, Fixed.Round.HALF_EVEN);
            }
        }
        return new long[] {qty, notional};
    }

    /** A negative account is brought back to zero by the insurance fund; what it cannot cover is socialized. */
    /**
     * A negative USDT balance of an account with no cross position left is settled: first with its collateral, which
     * the insurance fund takes at its haircut value (assets in configuration order, whole units rounded up so that
     * the value covers the deficit, never more than held; {@code CollateralChanged} SETTLED_TO_FUND) — the fund pays
     * that value in USDT, and its USDT balance may go below zero only in exchange for collateral of equal haircut
     * value; then the fund tops up what is left from its USDT ({@code FUND_TOPUP}); what it cannot cover is a
     * socialized loss ({@code SOCIALIZED_LOSS}), recorded in the ledger and the account brought back to zero.
     * {@code s} is null outside a liquidation (a flat account whose collateral lost value): the top-up and the loss
     * are then {@code BalanceChanged} events.
     */
    private void settleNegative(long a, Sym s, long bp) {
        long wallet = ledger.crossWalletE8(a);
        if (wallet >= 0 || ledger.crossPositionCount(a) != 0) {
            return;
        }
        for (int k = 0; k < ledger.collateralCount() && wallet < 0; k++) {
            long units = ledger.collateralUnitsE8(a, k);
            long unitValue = ledger.collateralUnitValueE8(k);
            if (units == 0 || unitValue == 0) {
                continue;
            }
            long take = Math.min(units, Fixed.mulDiv(-wallet, Fixed.E8, unitValue, Fixed.Round.CEILING));
            long value = Fixed.mulDiv(take, unitValue, Fixed.E8, Fixed.Round.FLOOR);
            ledger.transferCollateral(a, INSURANCE_FUND, k, take);
            ledger.transfer(INSURANCE_FUND, a, value);
            wallet += value;
            dirtyAccounts.add(INSURANCE_FUND);
            emit(new ExchangeEvent.CollateralChanged(++seq, now, a, ledger.collateralName(k), "SETTLED_TO_FUND", -take,
                    ledger.collateralUnitsE8(a, k), value));
            emit(new ExchangeEvent.CollateralChanged(++seq, now, INSURANCE_FUND, ledger.collateralName(k), "SETTLED_TO_FUND",
                    take, ledger.collateralUnitsE8(INSURANCE_FUND, k), -value));
        }
        if (wallet >= 0) {
            return;
        }
        long cover = Math.min(-wallet, Math.max(0, ledger.crossWalletE8(INSURANCE_FUND)));
        if (cover > 0) {
            ledger.transfer(INSURANCE_FUND, a, cover);
            dirtyAccounts.add(INSURANCE_FUND);
            if (s != null) {
                liq(a, s, "FUND_TOPUP", 0, 0, bp, cover, INSURANCE_FUND, 0);
            } else {
                emit(new ExchangeEvent.BalanceChanged(++seq, now, a, "FUND_TOPUP", cover, ledger.walletBalanceE8(a)));
            }
        }
        if (cover < -wallet) {
            long loss = -wallet - cover;
            ledger.socializeLoss(a, loss);
            if (s != null) {
                liq(a, s, "SOCIALIZED_LOSS", 0, 0, bp, loss, -1, 0);
            } else {
                emit(new ExchangeEvent.BalanceChanged(++seq, now, a, "SOCIALIZED_LOSS", loss, ledger.walletBalanceE8(a)));
            }
        }
    }

    /** Binance's liquidation process for one position (cross: the account's largest-loss trigger symbol). */
    private boolean liquidate(long a, Sym s) {
        boolean isolated = ledger.marginMode(a, s.index) == MarginMode.ISOLATED;
        long lots = ledger.positionLots(a, s.index);
        liq(a, s, "START", s.ins.qtyE8(lots), 0, bankruptcyE8(a, s), 0, -1, 0);
        // 1. Cancel the account's open orders (all symbols for cross, this symbol for isolated): it may be enough.
        boolean cancelled = false;
        for (Sym t : syms) {
            if ((t == s || !isolated) && hasOpenOrders(t, a)) {
                t.venue.submit(new Command.CancelAll(now, a), e -> onBookEvent(t, e));
                cancelled = true;
            }
        }
        if (cancelled) {
            liq(a, s, "ORDERS_CANCELLED", 0, 0, bankruptcyE8(a, s), 0, -1, 0);
            if (!stillLiquidatable(a, s.index)) {
                liq(a, s, "AVERTED", 0, 0, 0, 0, -1, 0);
                dirtyAccounts.add(a);
                return true;
            }
        }
        // 2. One IOC for the whole position, no worse than the bankruptcy price.
        Side close = lots > 0 ? Side.SELL : Side.BUY;
        long bp = bankruptcyE8(a, s);
        long tick = s.ins.tickSizeE8();
        long limitTicks = lots > 0 ? (bp + tick - 1) / tick : bp / tick;
        limitTicks = Math.max(s.ins.minPriceTicks(), Math.min(s.ins.maxPriceTicks(), limitTicks));
        int before = out.size();
        long remaining = s.halted ? 0 : Math.abs(lots); // a halted book takes no orders: all goes to the next step
        if (s.halted) {
            liq(a, s, "BOOK_HALTED", 0, 0, bp, 0, -1, 0);
        }
        while (remaining > 0) {
            long chunk = Math.min(remaining, s.ins.maxQtyLots());
            s.venue.submit(new Command.PlaceOrder(now, a, 0, close, OrderType.LIMIT, aftershock.engine.api.TimeInForce.IOC,
                    s.ins.priceE8(limitTicks), s.ins.qtyE8(chunk), 0, aftershock.engine.api.WorkingType.CONTRACT_PRICE,
                    true, aftershock.engine.api.StpMode.NONE), e -> onBookEvent(s, e));
            remaining -= chunk;
        }
        long[] filled = fillsSince(before, a, s);
        long filledE8 = filled[0];
        long notionalE8 = filled[1];
        if (!s.halted) {
            liq(a, s, "ORDER", filledE8, filledE8 == 0 ? 0 : Fixed.mulDiv(notionalE8, Fixed.E8, filledE8, Fixed.Round.HALF_EVEN),
                    bp, notionalE8, -1, 0);
        }
        // 3. Liquidation fee on the liquidated amount, to the fund, out of what margin is left.
        if (notionalE8 > 0) {
            long fee = Fixed.applyRate(notionalE8, config.liquidationFeeRateE8(s.ins.symbol()), Fixed.Round.CEILING);
            long left = ledger.crossWalletE8(a) + (isolated ? 0 : crossUnrealized(a));
            long charge = Math.max(0, Math.min(fee, left));
            if (charge > 0) {
                ledger.transfer(a, INSURANCE_FUND, charge);
                liq(a, s, "FEE", 0, 0, bp, charge, INSURANCE_FUND, 0);
            }
        }
        // 4. What the book could not take: the backstop vault (when configured) takes it over at its discounted price,
        //    else the fund at the bankruptcy price if it can bear the loss to the mark, else auto-deleveraging closes
        //    opposite positions at that price.
        bp = takeOver(a, s, bp);
        // 5. A negative account is brought back to zero by the fund; what it cannot cover is a socialized loss.
        settleNegative(a, s, bp);
        dirtyAccounts.add(a);
        liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
        return true;
    }

    /**
     * What the book could not take of the account's position on {@code s}: the backstop vault (when configured) takes
     * it over at its discounted price; else the insurance fund at the bankruptcy price if its balance can bear the
     * loss to the mark ({@code TAKEOVER}); else auto-deleveraging at that price. Returns the bankruptcy price used.
     */
    private long takeOver(long a, Sym s, long bp) {
        long rest = ledger.positionLots(a, s.index);
        if (rest == 0) {
            return bp;
        }
        bp = bankruptcyE8(a, s);
        if (config.backstop().enabled() && backstopTakeover(a, s, rest, bp)) {
            return bp;
        }
        Side close = rest > 0 ? Side.SELL : Side.BUY;
        long restE8 = s.ins.qtyE8(Math.abs(rest));
        long lossToMark = Math.max(0, Fixed.mulDiv(restE8, rest > 0 ? bp - s.markE8 : s.markE8 - bp, Fixed.E8, Fixed.Round.CEILING));
        if (ledger.crossWalletE8(INSURANCE_FUND) >= lossToMark && bp > 0) {
            ledger.applyTransfer(a, s.index, close, Math.abs(rest), bp);
            ledger.applyTransfer(INSURANCE_FUND, s.index, close.opposite(), Math.abs(rest), bp);
            dirtyAccounts.add(INSURANCE_FUND);
            liq(a, s, "TAKEOVER", restE8, bp, bp, lossToMark, INSURANCE_FUND, Math.abs(bp - s.markE8));
        } else {
            adl(a, s, close, Math.abs(rest), bp);
        }
        return bp;
    }

    /**
     * Bybit's tier descent for one position ({@link LiquidationPolicy#BYBIT}; maintenance margin by risk-limit tier):
     * (a) the tier lowered to the lowest the position's value allows ({@code TIER_LOWERED}, amount: maintenance
     * margin after), stop if compliant; (b) the account's orders cancelled, stop if compliant; (c) while the position
     * is above tier 1, a reduce-only fill-or-kill order at the bankruptcy price for the smallest quantity that brings
     * its value at the mark under the lower tier's limit ({@code FOK_ORDER}: qty filled, average price, amount: the
     * value before), then the lower tier, stop if compliant — a FOK that cannot fill ends the descent; (d) the rest
     * taken over at the bankruptcy price ({@link #takeOver}). No separate liquidation fee.
     */
    private boolean liquidateBybit(long a, Sym s) {
        boolean isolated = ledger.marginMode(a, s.index) == MarginMode.ISOLATED;
        long bp = bankruptcyE8(a, s);
        liq(a, s, "START", s.ins.qtyE8(ledger.positionLots(a, s.index)), 0, bp, 0, -1, 0);
        if (ledger.lowerRiskTier(a, s.index)) {
            liq(a, s, "TIER_LOWERED", 0, 0, bp, ledger.maintenanceMarginE8(a, s.index), -1, 0);
            if (!stillLiquidatable(a, s.index)) {
                liq(a, s, "AVERTED", 0, 0, 0, 0, -1, 0);
                dirtyAccounts.add(a);
                return true;
            }
        }
        if (cancelOrders(a, s, isolated)) {
            liq(a, s, "ORDERS_CANCELLED", 0, 0, bankruptcyE8(a, s), 0, -1, 0);
            if (!stillLiquidatable(a, s.index)) {
                liq(a, s, "AVERTED", 0, 0, 0, 0, -1, 0);
                dirtyAccounts.add(a);
                return true;
            }
        }
        aftershock.engine.margin.BracketTable table = s.setup.brackets();
        for (int guard = 0; guard < table.brackets().size(); guard++) {
            long lots = ledger.positionLots(a, s.index);
            long notional = ledger.notionalE8(a, s.index);
            int tier = table.bracketFor(notional).bracket();
            if (lots == 0 || tier <= 1) {
                break;
            }
            bp = bankruptcyE8(a, s);
            if (s.halted) {
                liq(a, s, "BOOK_HALTED", 0, 0, bp, 0, -1, 0);
                break;
            }
            long lowerLimit = table.brackets().get(tier - 2).notionalCapE8();
            long perLot = Fixed.mulDiv(s.ins.stepSizeE8(), s.markE8, Fixed.E8, Fixed.Round.HALF_EVEN);
            long qtyLots = Math.min(Math.min(Math.abs(lots), s.ins.maxQtyLots()), (notional - lowerLimit) / Math.max(1, perLot) + 1);
            Side close = lots > 0 ? Side.SELL : Side.BUY;
            long tick = s.ins.tickSizeE8();
            long limitTicks = lots > 0 ? (bp + tick - 1) / tick : bp / tick;
            limitTicks = Math.max(s.ins.minPriceTicks(), Math.min(s.ins.maxPriceTicks(), limitTicks));
            int before = out.size();
            s.venue.submit(new Command.PlaceOrder(now, a, 0, close, OrderType.LIMIT, aftershock.engine.api.TimeInForce.FOK,
                    s.ins.priceE8(limitTicks), s.ins.qtyE8(qtyLots), 0, aftershock.engine.api.WorkingType.CONTRACT_PRICE,
                    true, aftershock.engine.api.StpMode.NONE), e -> onBookEvent(s, e));
            long[] filled = fillsSince(before, a, s);
            liq(a, s, "FOK_ORDER", filled[0], filled[0] == 0 ? 0 : Fixed.mulDiv(filled[1], Fixed.E8, filled[0], Fixed.Round.HALF_EVEN),
                    bp, notional, -1, 0);
            if (filled[0] == 0) {
                break;
            }
            ledger.lowerRiskTier(a, s.index);
            dirtyAccounts.add(a);
            if (!stillLiquidatable(a, s.index)) {
                liq(a, s, "AVERTED", 0, 0, 0, 0, -1, 0);
                return true;
            }
        }
        bp = takeOver(a, s, bp);
        settleNegative(a, s, bp);
        dirtyAccounts.add(a);
        liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
        return true;
    }

    /**
     * The backstop vault takes over {@code lots} (signed, the liquidated position) at the configured reference (the
     * bankruptcy price or the mark) moved against the position by the discount, rounded in the vault's favour, when
     * its equity after the takeover (with the takeover's gain to the mark) covers the initial margin of all its
     * positions at its leverage. Returns whether it did ({@code BACKSTOP} event: price, mark, deviation).
     */
    private boolean backstopTakeover(long a, Sym s, long lots, long bp) {
        Backstop b = config.backstop();
        long ref = b.reference() == Backstop.Reference.MARK ? s.markE8 : bp;
        long price = lots > 0 ? ref - Fixed.applyRate(ref, b.discountE8(), Fixed.Round.CEILING)
                : ref + Fixed.applyRate(ref, b.discountE8(), Fixed.Round.CEILING);
        if (ref <= 0 || price <= 0 || s.markE8 <= 0) {
            return false;
        }
        long abs = Math.abs(lots);
        long qtyE8 = s.ins.qtyE8(abs);
        // The vault buys a long below the mark (or sells a short above it): its gain to the mark.
        long gain = Fixed.mulDiv(qtyE8, lots > 0 ? s.markE8 - price : price - s.markE8, Fixed.E8, Fixed.Round.FLOOR);
        long equityAfter = ledger.crossMarginBalanceE8(BACKSTOP_VAULT) + gain;
        long marginAfter = 0;
        for (Sym t : syms) {
            long p = ledger.positionLots(BACKSTOP_VAULT, t.index) + (t == s ? lots : 0);
            if (p != 0) {
                long notional = Fixed.mulDiv(t.ins.qtyE8(Math.abs(p)), t.markE8, Fixed.E8, Fixed.Round.HALF_EVEN);
                marginAfter += Fixed.mulDiv(notional, 1, ledger.leverage(BACKSTOP_VAULT, t.index), Fixed.Round.CEILING);
            }
        }
        if (equityAfter < marginAfter) {
            liq(a, s, "BACKSTOP_DECLINED", qtyE8, price, bp, equityAfter, BACKSTOP_VAULT, Math.abs(price - s.markE8));
            return false;
        }
        Side close = lots > 0 ? Side.SELL : Side.BUY;
        ledger.applyTransfer(a, s.index, close, abs, price);
        ledger.applyTransfer(BACKSTOP_VAULT, s.index, close.opposite(), abs, price);
        dirtyAccounts.add(BACKSTOP_VAULT);
        liq(a, s, "BACKSTOP", qtyE8, price, bp, 0, BACKSTOP_VAULT, Math.abs(price - s.markE8));
        return true;
    }

    /**
     * The bankruptcy price a liquidation trades at: the ledger's, or the mark when no positive price exists — a short
     * whose deficit exceeds its entry value is bankrupt at every price (possible when collateral lost its value), so
     * it is closed at the mark and its remaining deficit goes to the insurance fund or is socialized.
     */
    private long bankruptcyE8(long a, Sym s) {
        long bp = ledger.bankruptcyPriceE8(a, s.index);
        return bp > 0 ? bp : s.markE8;
    }

    private long crossUnrealized(long a) {
        return ledger.crossMarginBalanceE8(a) - ledger.crossWalletE8(a);
    }

    /**
     * Auto-deleveraging by the configured {@link AdlPolicy}: the counterparties (opposite positions) are ranked by the
     * policy's score (ties by account id) and closed in that order — or, for pro-rata policies, every profitable one
     * in proportion to its contracts (rounding remainder to the largest, then lowest id) — at the bankruptcy price or
     * the mark, without fee. Each close is an {@code ADL} event with its price, the mark and the deviation.
     */
    private void adl(long a, Sym s, Side close, long lots, long bp) {
        AdlPolicy policy = config.adlPolicy();
        long price = policy.atMark() ? s.markE8 : bp;
        List<long[]> ranked = new ArrayList<>(); // {score, account, |position|}
        for (long c : ledger.accountIds()) {
            long pos = ledger.positionLots(c, s.index);
            if (c == a || pos == 0 || (pos > 0) == (close == Side.SELL)) {
                continue; // the counterparty must hold the opposite side of what is being closed
            }
            ranked.add(new long[] {adlScoreE8(policy, c, s.index), c, Math.abs(pos)});
        }
        ranked.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
        long[] take = new long[ranked.size()];
        if (policy.proRata()) {
            long eligible = 0;
            for (long[] r : ranked) {
                eligible += r[0] > 0 ? r[2] : 0;
            }
            boolean profitOnly = eligible >= lots;
            long base = profitOnly ? eligible : ranked.stream().mapToLong(r -> r[2]).sum();
            long given = 0;
            for (int i = 0; i < ranked.size(); i++) {
                long[] r = ranked.get(i);
                if (profitOnly && r[0] <= 0) {
                    continue;
                }
                take[i] = Fixed.mulDiv(lots, r[2], base, Fixed.Round.FLOOR);
                given += take[i];
            }
            Integer[] order = new Integer[ranked.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> ranked.get(x)[2] != ranked.get(y)[2]
                    ? Long.compare(ranked.get(y)[2], ranked.get(x)[2]) : Long.compare(ranked.get(x)[1], ranked.get(y)[1]));
            for (int k = 0; given < lots; k = (k + 1) % order.length) {
                int i = order[k];
                if ((!profitOnly || ranked.get(i)[0] > 0) && take[i] < ranked.get(i)[2]) {
                    take[i]++;
                    given++;
                }
            }
        } else {
            long left = lots;
            for (int i = 0; i < ranked.size() && left > 0; i++) {
                take[i] = Math.min(left, ranked.get(i)[2]);
                left -= take[i];
            }
        }
        long done = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (take[i] == 0) {
                continue;
            }
            long c = ranked.get(i)[1];
            ledger.applyTransfer(a, s.index, close, take[i], price);
            ledger.applyTransfer(c, s.index, close.opposite(), take[i], price);
            dirtyAccounts.add(c);
            done += take[i];
            liq(a, s, "ADL", s.ins.qtyE8(take[i]), price, bp, 0, c, Math.abs(price - s.markE8));
        }
        if (done != lots) {
            throw new IllegalStateException("ADL closed " + done + " of " + lots + " lots: positions do not sum to zero");
        }
    }

    /** The policy's ADL score (E8) of an account's position: higher is deleveraged first; 0 or less when losing. */
    private long adlScoreE8(AdlPolicy policy, long c, int symbol) {
        boolean isolated = ledger.marginMode(c, symbol) == MarginMode.ISOLATED;
        long wallet = isolated ? ledger.isolatedWalletE8(c, symbol) : ledger.crossWalletE8(c);
        long upnl = ledger.unrealizedPnlE8(c, symbol);
        long equity = wallet + upnl;
        long notional = ledger.notionalE8(c, symbol);
        long effLeverageE8 = equity > 0 ? Fixed.mulDiv(notional, Fixed.E8, equity, Fixed.Round.FLOOR) : Long.MAX_VALUE / 4;
        switch (policy) {
            case BINANCE -> {
                if (upnl <= 0) {
                    return 0;
                }
                long pnlPct = Fixed.mulDiv(upnl, Fixed.E8, Math.max(Fixed.E8, wallet), Fixed.Round.FLOOR);
                long marginRatio = equity > 0 ? Fixed.mulDiv(ledger.maintenanceMarginE8(c, symbol), Fixed.E8, equity, Fixed.Round.FLOOR) : 0;
                return Fixed.mulDiv(pnlPct, marginRatio, Fixed.E8, Fixed.Round.FLOOR);
            }
            case BYBIT -> {
                long entryNotional = Math.abs(ledger.costBasisE8(c, symbol));
                long pnlPct = Fixed.mulDiv(upnl, Fixed.E8, Math.max(1, entryNotional), Fixed.Round.FLOOR);
                if (pnlPct > 0) {
                    return Fixed.mulDiv(pnlPct, Math.min(effLeverageE8, 1_000 * Fixed.E8), Fixed.E8, Fixed.Round.FLOOR);
                }
                return Fixed.mulDiv(pnlPct, Fixed.E8, Math.max(1, Math.min(effLeverageE8, 1_000 * Fixed.E8)), Fixed.Round.FLOOR);
            }
            case HYPERLIQUID -> {
                return upnl <= 0 ? upnl : Fixed.mulDiv(upnl, Math.min(effLeverageE8, 1_000 * Fixed.E8), Fixed.E8, Fixed.Round.FLOOR);
            }
            default -> {
                return upnl; // pro-rata policies only need "profitable or not"; the score orders remainders
            }
        }
    }

    /**
     * The ADL queue indicator a venue shows (1–5 "lights"): the quintile of this position's score among all positions
     * on the same side of the symbol under the configured policy (5 = first in line). 0 when flat.
     */
    public int adlQuantile(long account, String symbol) {
        Sym s = sym(symbol);
        long pos = ledger.positionLots(account, s.index);
        if (pos == 0) {
            return 0;
        }
        long mine = adlScoreE8(config.adlPolicy(), account, s.index);
        int below = 0;
        int total = 0;
        for (long c : ledger.accountIds()) {
            long p = ledger.positionLots(c, s.index);
            if (p == 0 || (p > 0) != (pos > 0)) {
                continue;
            }
            total++;
            if (adlScoreE8(config.adlPolicy(), c, s.index) < mine) {
                below++;
            }
        }
        return 1 + (int) ((long) below * 5 / total);
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private void emit(ExchangeEvent e) {
        out.add(e);
    }

    private void reject(ExchangeCommand c, long account, String symbol, String reason) {
        emit(new ExchangeEvent.Rejected(++seq, now, c.kind().name(), account, symbol, reason));
    }

    private void balance(ExchangeCommand c, long account, String symbol, String reason, long amountE8, Ledger.Refusal r) {
        dirtyAccounts.add(account);
        if (r != null) {
            reject(c, account, symbol, r.name());
        } else {
            emit(new ExchangeEvent.BalanceChanged(++seq, now, account, reason, amountE8, ledger.walletBalanceE8(account)));
        }
    }

    private void setting(ExchangeCommand c, long account, String symbol, String what, String value, Ledger.Refusal r) {
        dirtyAccounts.add(account);
        if (r != null) {
            reject(c, account, symbol, r.name());
        } else {
            emit(new ExchangeEvent.SettingChanged(++seq, now, account, symbol, what, value));
        }
    }

    /**
     * The whole-state audit: conservation of money and collateral units ({@link Ledger#checkConservation} and the
     * {@link #conservation()} statement), zero-sum positions, no trader account with negative equity (a loss the
     * venue could not recover is a recorded socialized loss, and the account is back at zero), the insurance fund's
     * and the backstop vault's USDT plus collateral value not below zero, and every book's structure.
     */
    public void checkInvariants() {
        ledger.checkConservation();
        Conservation c = conservation();
        if (!c.balanced()) {
            throw new IllegalStateException("conservation statement does not balance: " + c);
        }
        for (long a : ledger.accountIds()) {
            if (a > 0 && ledger.marginBalanceE8(a) < 0) {
                throw new IllegalStateException("account " + a + " left with negative equity " + ledger.marginBalanceE8(a)
                        + " (wallet " + ledger.walletBalanceE8(a) + ", collateral " + ledger.collateralValueE8(a)
                        + ") not recorded as socialized");
            }
        }
        for (long a : new long[] {INSURANCE_FUND, BACKSTOP_VAULT}) {
            if (ledger.crossWalletE8(a) + ledger.collateralValueE8(a) < 0) {
                throw new IllegalStateException((a == INSURANCE_FUND ? "insurance fund" : "backstop vault") + " below zero: USDT "
                        + ledger.crossWalletE8(a) + " + collateral " + ledger.collateralValueE8(a) + " without a socialized loss");
            }
        }
        for (Sym s : syms) {
            s.venue.book().checkInvariants();
        }
    }
}
