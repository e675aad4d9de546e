package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.exchange.ExchangeCommand;
import aftershock.sim.core.Rng;
import aftershock.sim.core.Scheduler;
import aftershock.sim.market.Market;
import aftershock.sim.market.MarketVenue;
import aftershock.sim.market.PerpVenue;

import java.util.ArrayList;
import java.util.List;

/**
 * The leveraged traders of one perpetual: a population of accounts, each with one position built up over the days
 * before the run (an entry price and a leverage drawn from the scenario's distributions; only positions that would
 * still be open at the start are kept — a 50× long bought 4% above today's price was liquidated already), a
 * stop-loss for some of them, and during the run: voluntary opening and closing (churn that rebuilds open interest),
 * and re-entry after being stopped out or liquidated. The positions are opened in a warm-up against a dealer
 * account that ends flat, so every position on the venue came through its book and its margin checks.
 */
public final class Crowd extends Agent {
    /** Parameters in simulation units (quote amounts already divided by the scale). */
    /**
     * {@code openInterestQuote}: one side of the open interest; the crowd holds all of the long side and
     * {@code shortShareOfOi} of the short side, carry traders the rest. {@code longShare}: the chance a new position
     * (churn) is long.
     */
    public record Params(int traders, double openInterestQuote, double shortShareOfOi, double longShare, double medianSizeQuote, double sizeSigma,
                         int[] leverages, double[] leverageWeights, double[] entryOffsets, double[] entrySds,
                         double[] entryWeights, double stopShare, double stopPct, double reentryProb,
                         double reentryMeanMinutes, double reentryLongShare, double openPerHour, double closePerHour,
                         double carryShare, double survivedLowPct, double survivedHighPct, double maxSizeQuote,
                         double stopSlippage, double takeProfitShare, double takeProfitPct, double excitation,
                         double trendFollowing, double normalMinuteVol, double[] runLeverageWeights,
                         double excitedOpenShare, String collateralAsset, double collateralShare,
                         double collateralUnitValue) {
    }

    private final Market market;
    private final PerpVenue venue;
    private final Params p;
    private final Rng rng;
    private final long[] accounts;
    private final int[] leverage;
    private final long firstAccount;
    private final Scheduler reentries = new Scheduler();
    private final List<Integer> holders = new ArrayList<>();
    private int reentered;
    private int opened;
    private int closed;
    private int stopsPlaced;
    private int takeProfitsPlaced;
    private int crowdTraders = Integer.MAX_VALUE;
    private int droppedAtStart;
    /** New positions are sized like the ones the warm-up built (scaled to the open interest). */
    private double longSizeFactor = 1;
    private double shortSizeFactor = 1;

    public Crowd(String name, Market market, PerpVenue venue, Params p, Rng rng) {
        super(name);
        this.market = market;
        this.venue = venue;
        this.p = p;
        this.rng = rng;
        this.accounts = new long[p.traders()];
        this.leverage = new int[p.traders()];
        this.stopKey = new long[p.traders()];
        if (p.traders() > TRADER_MASK) {
            throw new IllegalArgumentException("at most " + TRADER_MASK + " traders per crowd, got " + p.traders());
        }
        long first = 0;
        for (int i = 0; i < p.traders(); i++) {
            accounts[i] = market.openAccount(this, 0);
            if (i == 0) {
                first = accounts[i];
            }
        }
        this.firstAccount = first;
        // Positions opened during the run have the holders' mean size whatever their leverage mix (open interest
        // stays where churn alone would keep it).
        this.runSizeAdjust = meanSizeFactor(p.leverages(), p.leverageWeights()) / meanSizeFactor(p.leverages(), p.runLeverageWeights());
    }

    private final double runSizeAdjust;

    public int reentered() {
        return reentered;
    }

    public int traders() {
        return accounts.length;
    }

    public int droppedAtStart() {
        return droppedAtStart;
    }

    private int trader(long account) {
        long i = account - firstAccount;
        return i >= 0 && i < accounts.length && accounts[(int) i] == account ? (int) i : -1;
    }

    /**
     * Large accounts use low leverage and high leverage is the small accounts' game (margin, not appetite, is what
     * a retail trader is short of; the venues' brackets cap the leverage of large positions): a position's size
     * falls with its leverage as {@code (leverage / 5)^-SIZE_LEVERAGE_EXPONENT}.
     */
    static final double SIZE_LEVERAGE_EXPONENT = 0.7;

    private static double sizeForLeverage(int lev) {
        return Math.pow(lev / 5.0, -SIZE_LEVERAGE_EXPONENT);
    }

    /** The mean size factor of a leverage mix. */
    private static double meanSizeFactor(int[] leverages, double[] weights) {
        double sum = 0;
        double w = 0;
        for (int k = 0; k < leverages.length; k++) {
            sum += weights[k] * sizeForLeverage(leverages[k]);
            w += weights[k];
        }
        return w > 0 ? sum / w : 1;
    }

    private int drawLeverage(Rng r) {
        return p.leverages()[r.weighted(p.leverageWeights())];
    }

    private record Plan(int trader, Side side, double qty, double entry, double deposit, int leverage) {
    }

    /** Traders who post their margin in the scenario's collateral asset instead of USDT (chosen at the build). */
    private boolean postsCollateral(int trader) {
        return !p.collateralAsset().isEmpty() && p.collateralShare() > 0 && p.collateralUnitValue() > 0
                && trader < crowdTraders && rng.child(3_000_000L + trader).uniform() < p.collateralShare();
    }

    private int collateralPosters;

    /** Accounts of this crowd that posted {@code asset} as margin at the build (0 for any other asset). */
    public int collateralPosters(String asset) {
        return asset.equals(p.collateralAsset()) ? collateralPosters : 0;
    }

    /**
     * Opens every position at the start, against {@code dealer} (which ends flat): the crowd's longs and shorts, and
     * the carry traders' shorts (delta-hedged elsewhere, low leverage) that make up the difference.
     */
    public void build(long dealer, double price) {
        double mmr = 0.005;
        double longNotional = p.openInterestQuote();
        double shortNotional = p.openInterestQuote() * p.shortShareOfOi();
        List<Plan> longs = new ArrayList<>();
        List<Plan> shorts = new ArrayList<>();
        double longQty = 0;
        double shortQty = 0;
        int carryTraders = Math.max(1, (int) Math.round(p.traders() * p.carryShare()));
        crowdTraders = p.traders() - carryTraders;
        for (int i = 0; i < crowdTraders; i++) {
            Rng r = rng.child(i);
            Side side = r.uniform() < 1 / (1 + p.shortShareOfOi()) ? Side.BUY : Side.SELL;
            int lev = drawLeverage(r);
            double notional = Math.min(r.lognormal(p.medianSizeQuote(), p.sizeSigma()), p.medianSizeQuote() * 200) * sizeForLeverage(lev);
            double entry = 0;
            boolean ok = false;
            for (int attempt = 0; attempt < 30 && !ok; attempt++) {
                int c = r.weighted(p.entryWeights());
                entry = price * (1 + p.entryOffsets()[c] + p.entrySds()[c] * r.normal());
                // Still open at the start: the liquidation price (with the margin a 100× account needs to open) is
                // beyond the lowest (longs) or highest (shorts) price of the days before, which it survived.
                double need = 1.0 / lev - 0.011 - mmr;
                double low = price * (1 + Math.min(-0.005, p.survivedLowPct()));
                double high = price * (1 + Math.max(0.005, p.survivedHighPct()));
                ok = side == Side.BUY ? low >= entry * (1 - need) && entry <= high : high <= entry * (1 + need) && entry >= low;
                if (!ok && attempt > 10 && lev > 2) {
                    lev = Math.max(2, lev / 2);
                }
            }
            if (!ok) {
                droppedAtStart++;
                continue;
            }
            double qty = notional / price;
            double deposit = qty * entry / lev + qty * Math.abs(entry - price) * 0 + qty * entry * 0.001;
            leverage[i] = lev;
            Plan plan = new Plan(i, side, qty, entry, deposit, lev);
            if (side == Side.BUY) {
                longs.add(plan);
                longQty += qty;
            } else {
                shorts.add(plan);
                shortQty += qty;
            }
        }
        // Scale each side to the scenario's notional split; no position above the largest documented single
        // position (maxSizeQuote), the excess spread over the others (a few passes converge).
        double lf = scaleSide(longs, longNotional, price);
        double sf = shortNotional > 0 ? scaleSide(shorts, shortNotional, price) : 1;
        longSizeFactor = lf;
        shortSizeFactor = sf;
        // Carry traders: short the difference at 3× around today's price.
        double gapQty = longNotional / price - shortNotional / price;
        if (gapQty > 0) {
            for (int j = 0; j < carryTraders; j++) {
                int i = crowdTraders + j;
                double q = gapQty / carryTraders;
                double entry = price * (1 + 0.01 * rng.child(i).normal());
                leverage[i] = 3;
                shorts.add(new Plan(i, Side.SELL, q, entry, q * entry / 3, 3));
            }
        }
        // Alternate so the dealer's position stays small.
        int li = 0;
        int si = 0;
        double dealerPos = 0;
        while (li < longs.size() || si < shorts.size()) {
            Plan x;
            if (si >= shorts.size() || (li < longs.size() && dealerPos >= 0)) {
                x = longs.get(li++);
            } else {
                x = shorts.get(si++);
            }
            double filled = open(dealer, x);
            dealerPos += x.side == Side.BUY ? -filled : filled;
        }
        // Flatten the dealer's rounding remainder against the market makers later: record it.
        double rest = venue.position(dealer);
        if (rest != 0) {
            market.note(name() + " dealer remainder " + rest);
        }
        // Stops for some, below (above) today's price and beyond the liquidation price.
        for (int i = 0; i < accounts.length; i++) {
            double pos = venue.position(accounts[i]);
            if (pos != 0) {
                holders.add(i);
                Rng r = rng.child(1_000_000L + i);
                if (i < crowdTraders && p.takeProfitShare() > 0 && r.uniform() < p.takeProfitShare()) {
                    double entry = Math.abs(market.exchange().ledger().entryPriceE8(accounts[i], venue.index()) / 1e8);
                    placeTakeProfit(i, pos, Math.max(entry, price) * (1 + Math.signum(pos) * p.takeProfitPct() * (0.5 + r.uniform())));
                }
                if (i < crowdTraders && r.uniform() < p.stopShare()) {
                    // Stops sit a trader-chosen distance from the entry (0.5–1.5 × stopPct); those already passed
                    // by the price are not placed (that trader was stopped out before the start).
                    double entry = Math.abs(market.exchange().ledger().entryPriceE8(accounts[i], venue.index()) / 1e8);
                    double stop = entry * (1 - Math.signum(pos) * p.stopPct() * (0.5 + r.uniform()));
                    // A stop inside the range the price covered before the start was hit then: that trader kept no
                    // stop (re-entered without one, or moved it); only stops beyond the range are still resting.
                    boolean passed = pos > 0 ? stop >= price * (1 + p.survivedLowPct()) : stop <= price * (1 + p.survivedHighPct());
                    if (!passed) {
                        placeStop(i, pos, stop);
                    }
                }
            }
        }
    }

    /** Scales the plans' sizes so they sum to {@code notional}, capped at the maximum size; returns the factor. */
    private double scaleSide(List<Plan> plans, double notional, double price) {
        double cap = p.maxSizeQuote() > 0 ? p.maxSizeQuote() / price : Double.MAX_VALUE;
        double total = 0;
        for (Plan x : plans) {
            total += x.qty;
        }
        double f = notional / price / Math.max(1e-12, total);
        double factor = f;
        for (int pass = 0; pass < 6; pass++) {
            double capped = 0;
            double free = 0;
            for (Plan x : plans) {
                if (x.qty * factor >= cap) {
                    capped += cap;
                } else {
                    free += x.qty;
                }
            }
            factor = Math.max(0, (notional / price - capped) / Math.max(1e-12, free));
        }
        for (int k = 0; k < plans.size(); k++) {
            Plan x = plans.get(k);
            double q = Math.min(cap, x.qty * factor);
            plans.set(k, new Plan(x.trader, x.side, q, x.entry, x.deposit * q / x.qty, x.leverage));
        }
        return factor;
    }

    private double open(long dealer, Plan x) {
        long a = accounts[x.trader];
        if (postsCollateral(x.trader)) {
            // The same margin value, in units of the collateral asset at its haircut value.
            collateralPosters++;
            market.submitPerp(new ExchangeCommand.DepositCollateral(market.now(), a, p.collateralAsset(),
                    Math.round(x.deposit / p.collateralUnitValue() * 1e8)));
        } else {
            market.submitPerp(new ExchangeCommand.Deposit(market.now(), a, Math.round(x.deposit * 1e8)));
        }
        // The dealer rests the other side at the entry price; the trader takes it.
        venue.limit(dealer, x.side.opposite(), x.entry, x.qty, TimeInForce.GTC, false);
        double before = venue.position(a);
        venue.limit(a, x.side, x.entry, x.qty, TimeInForce.IOC, false);
        double filled = Math.abs(venue.position(a) - before);
        venue.cancelAll(dealer);
        return filled;
    }

    /**
     * Stop-losses are kept by the traders' own software (client-side, on the mark price, as most retail front ends
     * do) rather than resting on the venue: when the mark reaches a stop, the trader sends a reduce-only IOC limit
     * no worse than {@code stopSlippage} from the mark; what does not fill is retried at the next look (every few
     * seconds). A triggered stop therefore never walks an emptied book to its far end, and a wave of stops is
     * spread over the seconds in which makers refill their quotes.
     */
    private void placeStop(int i, double pos, double stopPrice) {
        double mark = venue.mark() > 0 ? venue.mark() : venue.mid();
        if (pos > 0 ? stopPrice >= mark * 0.999 : stopPrice <= mark * 1.001) {
            return;
        }
        removeStop(i);
        long key = (Math.round(stopPrice * 100) << TRADER_BITS) | i;
        if (pos > 0) {
            longStops.add(key);
            stopKey[i] = key;
        } else {
            shortStops.add(key);
            stopKey[i] = -key;
        }
        stopsPlaced++;
    }

    /**
     * A take-profit rests on the venue (reduce-only, triggered by the mark): a long's sell above the price, a short's
     * buy below it. Unlike stops it sells into rallies and buys into dips, so a wave of them damps a move.
     */
    private void placeTakeProfit(int i, double pos, double trigger) {
        double mark = venue.mark() > 0 ? venue.mark() : venue.mid();
        if (pos > 0 ? trigger <= mark * 1.001 : trigger >= mark * 0.999) {
            return;
        }
        if (venue.takeProfit(accounts[i], pos > 0 ? Side.SELL : Side.BUY, trigger, Math.abs(pos))) {
            takeProfitsPlaced++;
        }
    }

    private void removeStop(int i) {
        long k = stopKey[i];
        if (k > 0) {
            longStops.remove(k);
        } else if (k < 0) {
            shortStops.remove(-k);
        }
        stopKey[i] = 0;
    }

    private static final int TRADER_BITS = 23;
    private static final long TRADER_MASK = (1L << TRADER_BITS) - 1;
    private final java.util.TreeSet<Long> longStops = new java.util.TreeSet<>();
    private final java.util.TreeSet<Long> shortStops = new java.util.TreeSet<>();
    private final long[] stopKey;
    private final List<Long> triggered = new ArrayList<>();

    private void runStops() {
        double mark = venue.mark();
        if (mark <= 0) {
            return;
        }
        triggered.clear();
        while (!longStops.isEmpty() && (longStops.last() >>> TRADER_BITS) / 100.0 >= mark) {
            triggered.add(longStops.pollLast());
        }
        while (!shortStops.isEmpty() && (shortStops.first() >>> TRADER_BITS) / 100.0 <= mark) {
            triggered.add(-shortStops.pollFirst());
        }
        for (long k : triggered) {
            int i = (int) (Math.abs(k) & TRADER_MASK);
            stopKey[i] = 0;
            double pos = venue.position(accounts[i]);
            if (pos == 0 || (pos > 0) != (k > 0)) {
                continue;
            }
            boolean sell = pos > 0;
            venue.limit(accounts[i], sell ? Side.SELL : Side.BUY, mark * (sell ? 1 - p.stopSlippage() : 1 + p.stopSlippage()),
                    Math.abs(pos), TimeInForce.IOC, true);
            if (venue.position(accounts[i]) != 0 && Math.signum(venue.position(accounts[i])) == Math.signum(pos)) {
                // Not (fully) filled within the trader's limit: still armed, tried again at the next look.
                if (sell) {
                    longStops.add(k);
                } else {
                    shortStops.add(-k);
                }
                stopKey[i] = k;
            } else {
                stopped++;
                pendingClosed.add(i);
            }
        }
    }

    private int stopped;

    /**
     * Attention follows the market's move (the volume–volatility relation): when the last hour's move is larger than
     * the asset's ordinary hourly volatility, the churn rate is multiplied by
     * {@code 1 + excitation × (|hour move| / ordinary hourly move − 1)}, at most {@link #MAX_ACTIVITY}. A market that
     * moves as usual churns at the base rate.
     */
    static final double MAX_ACTIVITY = 5;
    /** Mids of the last hour, one per wake-up (5 s), for the move that attention and trend-following entries read. */
    private final double[] hourOfMids = new double[720];
    private int midCursor;
    private int midCount;

    private void observe() {
        double mid = venue.mid();
        if (mid <= 0) {
            return;
        }
        hourOfMids[midCursor] = mid;
        midCursor = (midCursor + 1) % hourOfMids.length;
        midCount = Math.min(hourOfMids.length, midCount + 1);
    }

    /** The churn multiplier now (1 in a market moving no more than usual). */
    double activity() {
        if (p.excitation() <= 0 || p.normalMinuteVol() <= 0) {
            return 1;
        }
        double hourly = p.normalMinuteVol() * Math.sqrt(60);
        return Math.min(MAX_ACTIVITY, 1 + p.excitation() * Math.max(0, Math.abs(hourTrend()) / hourly - 1));
    }

    /** The log return of the mid over the last hour (0 until an hour has been seen). */
    double hourTrend() {
        if (midCount < hourOfMids.length) {
            return 0;
        }
        double oldest = hourOfMids[midCursor];
        double latest = hourOfMids[(midCursor + hourOfMids.length - 1) % hourOfMids.length];
        return Math.log(latest / oldest);
    }

    /**
     * The chance that a new position is long: the scenario's share, moved against the last hour's trend by up to
     * {@code trendFollowing} (traders chase a move: shorts are opened on the way down, longs on the way up).
     */
    private double longChance(double base) {
        if (p.trendFollowing() <= 0) {
            return base;
        }
        return Math.max(0.02, Math.min(0.98, base + p.trendFollowing() * Math.tanh(hourTrend() / 0.01)));
    }

    @Override
    public long wake(long now) {
        observe();
        runStops();
        handleClosed();
        // Due re-entries.
        while (!reentries.isEmpty() && reentries.peekTime() <= now) {
            int i = reentries.poll();
            if (venue.position(accounts[i]) == 0) {
                reentered++;
                enter(i, rng.uniform() < longChance(p.reentryLongShare()) ? Side.BUY : Side.SELL);
            }
        }
        // Churn: voluntary opens by flat traders and closes by holders, Poisson over the 5-second step.
        double dtHours = 5.0 / 3600;
        // Churn: holders close at closePerHour each; as many flat traders open in expectation (open interest is
        // stationary unless the market moves it), plus openPerHour of the flat ones on their own.
        double activity = activity();
        double expectedCloses = activity * p.closePerHour() * dtHours * holders.size();
        // The extra closes of an excited market are matched by new positions only in part (excitedOpenShare < 1):
        // a moving market de-levers and open interest rebuilds slowly.
        double openActivity = 1 + (activity - 1) * p.excitedOpenShare();
        int opens = poisson(openActivity * p.closePerHour() * dtHours * holders.size()
                + openActivity * p.openPerHour() * dtHours * Math.max(0, accounts.length - holders.size()));
        for (int k = 0; k < opens; k++) {
            int i = rng.nextInt(accounts.length);
            for (int tries = 0; tries < 8 && venue.position(accounts[i]) != 0; tries++) {
                i = rng.nextInt(accounts.length);
            }
            if (venue.position(accounts[i]) == 0 && venue.mid() > 0) {
                opened++;
                enter(i, rng.uniform() < longChance(p.longShare()) ? Side.BUY : Side.SELL);
            }
        }
        int closes = poisson(expectedCloses);
        for (int k = 0; k < closes && !holders.isEmpty(); k++) {
            int h = rng.nextInt(holders.size());
            // Carry traders are hedged books: they close only when their collateral is haircut (unwind); another
            // holder closes instead, so closes keep pace with opens.
            for (int tries = 0; tries < 8 && holders.get(h) >= crowdTraders; tries++) {
                h = rng.nextInt(holders.size());
            }
            int i = holders.get(h);
            if (i >= crowdTraders) {
                continue;
            }
            double pos = venue.position(accounts[i]);
            if (pos != 0) {
                closed++;
                removeStop(i);
                venue.marketOrder(accounts[i], pos > 0 ? Side.SELL : Side.BUY, Math.abs(pos), true);
            }
            if (venue.position(accounts[i]) == 0) {
                holders.set(h, holders.get(holders.size() - 1));
                holders.remove(holders.size() - 1);
            }
        }
        return now + 5 * SECOND;
    }

    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * rng.normal()));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double prod = rng.uniform();
        while (prod > l) {
            k++;
            prod *= rng.uniform();
        }
        return k;
    }

    private void enter(int i, Side side) {
        double mid = venue.mid();
        if (mid <= 0) {
            return;
        }
        // Positions opened during the run are the short-term traders' (their own leverage mix: scalpers lever more
        // than the holders the warm-up built).
        int lev = p.leverages()[rng.weighted(p.runLeverageWeights())];
        leverage[i] = lev;
        double notional = Math.min(rng.lognormal(p.medianSizeQuote(), p.sizeSigma()), p.medianSizeQuote() * 200)
                * sizeForLeverage(lev) * runSizeAdjust * (side == Side.BUY ? longSizeFactor : shortSizeFactor);
        if (p.maxSizeQuote() > 0) {
            notional = Math.min(notional, p.maxSizeQuote());
        }
        long a = accounts[i];
        long wallet = market.exchange().ledger().walletBalanceE8(a);
        long want = Math.round(notional / lev * 1.02 * 1e8);
        if (wallet < want) {
            market.submitPerp(new ExchangeCommand.Deposit(market.now(), a, want - Math.max(0, wallet)));
        }
        if (venue.marketOrder(a, side, notional / mid, false)) {
            double pos = venue.position(a);
            if (pos != 0) {
                holders.add(i);
                if (rng.uniform() < p.stopShare()) {
                    placeStop(i, pos, mid * (1 - Math.signum(pos) * p.stopPct() * (0.5 + rng.uniform())));
                }
                if (p.takeProfitShare() > 0 && rng.uniform() < p.takeProfitShare()) {
                    placeTakeProfit(i, pos, mid * (1 + Math.signum(pos) * p.takeProfitPct() * (0.5 + rng.uniform())));
                }
            }
        }
    }

    /** Noted while the exchange reports; acted on at the next wake-up (agents act only when woken). */
    private void closedOut(long account) {
        int i = trader(account);
        if (i >= 0) {
            pendingClosed.add(i);
        }
    }

    private final List<Integer> pendingClosed = new ArrayList<>();

    private void handleClosed() {
        for (int i : pendingClosed) {
            if (venue.position(accounts[i]) != 0) {
                continue;
            }
            removeStop(i);
            if (rng.uniform() < p.reentryProb()) {
                reentries.schedule(market.now() + (long) (rng.exponential(p.reentryMeanMinutes()) * 60e9), i);
            }
        }
        pendingClosed.clear();
    }

    @Override
    public void onFill(long accountId, MarketVenue v, Side side, long priceE8, long qtyE8) {
        if (v == venue) {
            closedOut(accountId);
        }
    }

    @Override
    public void onVenueClose(long accountId, MarketVenue v, String stage, long qtyE8, long priceE8) {
        if (v == venue && !stage.equals("ADL_COUNTERPARTY")) {
            closedOut(accountId);
        }
    }

    /** Stats for the summary: positions opened voluntarily, closed voluntarily, re-entries, stops placed. */
    public int[] counts() {
        return new int[] {opened, closed, reentered, stopsPlaced, takeProfitsPlaced};
    }
}
