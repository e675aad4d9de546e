package aftershock.engine.margin;

import aftershock.engine.api.Instrument;
import aftershock.engine.api.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Accounts, one-way positions and their money, exactly, on Binance USDⓈ-M rules: wallet balances in the quote
 * asset (E8), positions as signed lots with a signed cost basis (the entry notional, so the average entry price
 * is exact to the unit), realized PnL on every reduction, fees per fill, funding between longs and shorts, leverage
 * limited by the symbol's brackets, cross and isolated margin.
 *
 * <p>Conservation, checked by {@link #checkConservation()}: deposits − withdrawals = Σ wallet balances (cross +
 * isolated) − Σ position cost bases (+ what the venue holds: fees collected and funding rounding remainders).
 * The cost-basis term is how much the open positions' holders have paid in, net, for exposure not yet closed;
 * Σ positions = 0 per symbol makes that term the negative of the total unrealized PnL at any common mark.
 *
 * <p>Rounding: charges up, credits down (fees, maintenance and initial margin up; funding paid up and received
 * down, the difference kept by the venue as {@link #fundingRemainderE8()}); released cost basis half-even, the
 * remainder staying in the position so that nothing is created or lost.
 *
 * <p>Deterministic: accounts are iterated in id order (TreeMap); no clock; no randomness.
 */
public final class Ledger {

    /** What the ledger needs to know about a tradable symbol. */
    public record SymbolSpec(Instrument instrument, BracketTable brackets, FeeSchedule fees, int defaultLeverage) {
        public SymbolSpec {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(brackets, "brackets");
            Objects.requireNonNull(fees, "fees");
            if (defaultLeverage < 1 || defaultLeverage > brackets.maxLeverage()) {
                throw new IllegalArgumentException(instrument.symbol() + ": default leverage " + defaultLeverage
                        + " outside 1.." + brackets.maxLeverage());
            }
        }
    }

    /** Why a ledger operation was refused (the ledger state is unchanged). */
    public enum Refusal {
        NOT_POSITIVE,
        UNKNOWN_ACCOUNT,
        UNKNOWN_SYMBOL,
        INSUFFICIENT_BALANCE,
        LEVERAGE_OUT_OF_RANGE,
        POSITION_TOO_LARGE_FOR_LEVERAGE,
        POSITION_OPEN,
        NOT_ISOLATED,
        ISOLATED_MARGIN_TOO_LOW,
        UNKNOWN_ASSET
    }

    /** The money effects of one fill on one account. */
    public record FillResult(long realizedPnlE8, long feeE8, long sizeAfterLots) {
    }

    static final class Position {
        long sizeLots;
        long costE8;
        long isolatedWalletE8;
        int leverage;
        MarginMode mode = MarginMode.CROSS;
        /** Open orders: Σ quantity × assumed price of buys (bids) and of sells (asks), and Σ of their open losses. */
        long bidValueE8;
        long askValueE8;
        long openLossE8;
        /** Risk-limit tier (0-based bracket index) under {@link MaintenanceModel#RISK_LIMIT}. */
        int riskTier;
    }

    static final class Account {
        final long id;
        long crossWalletE8;
        long feesPaidE8;
        long fundingPaidE8;
        long realizedPnlE8;
        long depositedE8;
        long withdrawnE8;
        /** Units (E8) of each collateral asset, or null before the first collateral deposit. */
        long[] collateralUnitsE8;
        final Position[] positions;

        Account(long id, List<SymbolSpec> specs) {
            this.id = id;
            positions = new Position[specs.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = new Position();
                positions[i].leverage = specs.get(i).defaultLeverage();
            }
        }
    }

    private final List<SymbolSpec> specs;
    private final MaintenanceModel maintenanceModel;
    private final Map<String, Integer> symbolIndex = new TreeMap<>();
    private final Map<Long, Account> accounts = new TreeMap<>();
    /** The same accounts for lookup by id (O(1); iteration always goes through the ordered map above). */
    private final Map<Long, Account> byId = new java.util.HashMap<>();
    private List<Long> idsCache;
    private final long[] markE8;
    private long depositsE8;
    private long withdrawalsE8;
    private long feesCollectedE8;
    private long fundingRemainderE8;
    private long socializedLossE8;
    // Collateral assets, by index: name, the value one unit counts for in margin, and units deposited.
    private final List<String> assetNames = new ArrayList<>();
    private long[] assetUnitValueE8 = new long[0];
    private long[] assetDepositsE8 = new long[0];

    public Ledger(List<SymbolSpec> specs) {
        this(specs, MaintenanceModel.BRACKET);
    }

    public Ledger(List<SymbolSpec> specs, MaintenanceModel maintenanceModel) {
        this.maintenanceModel = java.util.Objects.requireNonNull(maintenanceModel, "maintenanceModel");
        this.specs = List.copyOf(specs);
        for (int i = 0; i < this.specs.size(); i++) {
            if (symbolIndex.put(this.specs.get(i).instrument().symbol(), i) != null) {
                throw new IllegalArgumentException("symbol " + this.specs.get(i).instrument().symbol() + " given twice");
            }
        }
        markE8 = new long[this.specs.size()];
    }

    // ------------------------------------------------------------------------------------------------ setup

    public int symbolIndex(String symbol) {
        Integer i = symbolIndex.get(symbol);
        return i == null ? -1 : i;
    }

    public SymbolSpec spec(int symbol) {
        return specs.get(symbol);
    }

    public int symbolCount() {
        return specs.size();
    }

    public boolean hasAccount(long id) {
        return byId.containsKey(id);
    }

    /** Opens an account (idempotent). */
    public void openAccount(long id) {
        if (!byId.containsKey(id)) {
            Account a = new Account(id, specs);
            accounts.put(id, a);
            byId.put(id, a);
            idsCache = null;
        }
    }

    /** Every account id in ascending order (an immutable snapshot, rebuilt only when an account is opened). */
    public List<Long> accountIds() {
        if (idsCache == null) {
            idsCache = Collections.unmodifiableList(new ArrayList<>(accounts.keySet()));
        }
        return idsCache;
    }

    private Account account(long id) {
        return byId.get(id);
    }

    // ------------------------------------------------------------------------------------------------ money in and out

    public Refusal deposit(long accountId, long amountE8) {
        if (amountE8 <= 0) {
            return Refusal.NOT_POSITIVE;
        }
        openAccount(accountId);
        Account a = account(accountId);
        a.crossWalletE8 = Math.addExact(a.crossWalletE8, amountE8);
        a.depositedE8 = Math.addExact(a.depositedE8, amountE8);
        depositsE8 = Math.addExact(depositsE8, amountE8);
        return null;
    }

    /** A withdrawal may not exceed the available balance (it would breach initial margin). */
    public Refusal withdraw(long accountId, long amountE8) {
        if (amountE8 <= 0) {
            return Refusal.NOT_POSITIVE;
        }
        Account a = account(accountId);
        if (a == null) {
            return Refusal.UNKNOWN_ACCOUNT;
        }
        // Binance: max withdraw = min(cross wallet, available balance); unrealized profit cannot be withdrawn.
        long max = Math.min(a.crossWalletE8, availableBalanceE8(accountId));
        if (amountE8 > max) {
            return Refusal.INSUFFICIENT_BALANCE;
        }
        a.crossWalletE8 -= amountE8;
        a.withdrawnE8 = Math.addExact(a.withdrawnE8, amountE8);
        withdrawalsE8 = Math.addExact(withdrawalsE8, amountE8);
        return null;
    }

    /** USDT deposited minus USDT withdrawn by one account (what a vault's or fund's PnL is measured against). */
    public long netDepositsE8(long accountId) {
        Account a = account(accountId);
        return a.depositedE8 - a.withdrawnE8;
    }

    // ------------------------------------------------------------------------------------------------ collateral

    /**
     * Declares a non-USDT collateral asset (idempotent) and returns its index. Until a unit value is set it counts
     * for nothing.
     */
    public int defineCollateral(String name) {
        int k = assetNames.indexOf(name);
        if (k >= 0) {
            return k;
        }
        assetNames.add(name);
        assetUnitValueE8 = java.util.Arrays.copyOf(assetUnitValueE8, assetNames.size());
        assetDepositsE8 = java.util.Arrays.copyOf(assetDepositsE8, assetNames.size());
        holdersByAsset.add(new java.util.TreeSet<>());
        return assetNames.size() - 1;
    }

    /** The accounts holding units of each collateral asset (kept as units move; a re-valuation visits only these). */
    private final List<java.util.TreeSet<Long>> holdersByAsset = new ArrayList<>();

    private void noteHolding(Account a, int asset) {
        if (a.collateralUnitsE8 != null && asset < a.collateralUnitsE8.length && a.collateralUnitsE8[asset] != 0) {
            holdersByAsset.get(asset).add(a.id);
        } else {
            holdersByAsset.get(asset).remove(a.id);
        }
    }

    /** The index of a collateral asset, or −1. */
    public int collateralIndex(String name) {
        return assetNames.indexOf(name);
    }

    public int collateralCount() {
        return assetNames.size();
    }

    public String collateralName(int asset) {
        return assetNames.get(asset);
    }

    /** Sets what one unit of the asset counts for in margin: price × (1 − haircut), already rounded down. */
    public void setCollateralUnitValue(int asset, long unitValueE8) {
        if (unitValueE8 < 0) {
            throw new IllegalArgumentException("collateral unit value must not be negative, was " + unitValueE8);
        }
        assetUnitValueE8[asset] = unitValueE8;
    }

    public long collateralUnitValueE8(int asset) {
        return assetUnitValueE8[asset];
    }

    /** Units of a collateral asset into an account's cross margin (the account is opened if new). */
    public Refusal depositCollateral(long accountId, int asset, long unitsE8) {
        if (asset < 0 || asset >= assetNames.size()) {
            return Refusal.UNKNOWN_ASSET;
        }
        if (unitsE8 <= 0) {
            return Refusal.NOT_POSITIVE;
        }
        openAccount(accountId);
        Account a = account(accountId);
        units(a)[asset] = Math.addExact(units(a)[asset], unitsE8);
        assetDepositsE8[asset] = Math.addExact(assetDepositsE8[asset], unitsE8);
        noteHolding(a, asset);
        return null;
    }

    private long[] units(Account a) {
        if (a.collateralUnitsE8 == null || a.collateralUnitsE8.length < assetNames.size()) {
            a.collateralUnitsE8 = a.collateralUnitsE8 == null ? new long[assetNames.size()]
                    : java.util.Arrays.copyOf(a.collateralUnitsE8, assetNames.size());
        }
        return a.collateralUnitsE8;
    }

    public long collateralUnitsE8(long accountId, int asset) {
        long[] u = account(accountId).collateralUnitsE8;
        return u == null || asset >= u.length ? 0 : u[asset];
    }

    /** Moves collateral units between accounts (the insurance fund taking collateral at its haircut value). */
    public void transferCollateral(long fromAccount, long toAccount, int asset, long unitsE8) {
        Account from = account(fromAccount);
        Account to = account(toAccount);
        if (from == null || to == null || unitsE8 < 0 || collateralUnitsE8(fromAccount, asset) < unitsE8) {
            throw new IllegalStateException("collateral transfer of " + unitsE8 + " " + assetNames.get(asset) + " from "
                    + fromAccount + " to " + toAccount + " not possible");
        }
        units(from)[asset] -= unitsE8;
        units(to)[asset] += unitsE8;
        noteHolding(from, asset);
        noteHolding(to, asset);
    }

    /** Whether the account holds any collateral units. */
    public boolean hasCollateral(long accountId) {
        long[] u = account(accountId).collateralUnitsE8;
        if (u != null) {
            for (long x : u) {
                if (x != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the account's collateral counts for in cross margin: Σ units × unit value, each rounded down. */
    public long collateralValueE8(long accountId) {
        return collateralValue(account(accountId));
    }

    private long collateralValue(Account a) {
        long[] u = a.collateralUnitsE8;
        if (u == null) {
            return 0;
        }
        long v = 0;
        for (int k = 0; k < u.length; k++) {
            if (u[k] != 0) {
                v = Math.addExact(v, Fixed.mulDiv(u[k], assetUnitValueE8[k], Fixed.E8, Fixed.Round.FLOOR));
            }
        }
        return v;
    }

    /** Units of the asset deposited into the venue, all accounts together (conservation: Σ units held). */
    public long collateralDepositsE8(int asset) {
        return assetDepositsE8[asset];
    }

    /** The accounts holding units of the asset, in id order. */
    public List<Long> collateralHolders(int asset) {
        return new ArrayList<>(holdersByAsset.get(asset));
    }

    // ------------------------------------------------------------------------------------------------ losses

    /**
     * Records a loss the venue could not recover (no insurance fund left): the account's negative cross wallet is
     * brought back up by {@code amountE8}, and the amount is kept as a socialized loss in the conservation statement.
     */
    public void socializeLoss(long accountId, long amountE8) {
        if (amountE8 <= 0) {
            throw new IllegalArgumentException("a socialized loss must be positive, was " + amountE8);
        }
        Account a = account(accountId);
        if (a.crossWalletE8 + amountE8 > 0) {
            throw new IllegalStateException("socializing " + amountE8 + " would leave account " + accountId
                    + " above zero (wallet " + a.crossWalletE8 + ")");
        }
        a.crossWalletE8 += amountE8;
        socializedLossE8 = Math.addExact(socializedLossE8, amountE8);
    }

    /**
     * An account's book value: wallet (cross + isolated) − Σ position cost bases. Exact (no mark involved): the
     * conservation statement sums these; at any common mark the book values of all accounts differ from their
     * equities by Σ position × mark = 0 per symbol (up to the rounding of each unrealized PnL).
     */
    public long bookValueE8(long accountId) {
        Account a = account(accountId);
        long v = a.crossWalletE8;
        for (Position p : a.positions) {
            v = Math.addExact(v, p.isolatedWalletE8 - p.costE8);
        }
        return v;
    }

    /** Σ losses recorded as socialized. */
    public long socializedLossE8() {
        return socializedLossE8;
    }

    // ------------------------------------------------------------------------------------------------ settings

    public Refusal setLeverage(long accountId, int symbol, int leverage) {
        Account a = account(accountId);
        if (a == null) {
            return Refusal.UNKNOWN_ACCOUNT;
        }
        BracketTable t = specs.get(symbol).brackets();
        if (leverage < 1 || leverage > t.maxLeverage()) {
            return Refusal.LEVERAGE_OUT_OF_RANGE;
        }
        Position p = a.positions[symbol];
        if (notionalE8(p, symbol) > t.maxNotionalE8(leverage)) {
            return Refusal.POSITION_TOO_LARGE_FOR_LEVERAGE;
        }
        p.leverage = leverage;
        return null;
    }

    /** Changing margin mode needs a flat position (Binance also requires no open orders: the exchange checks that). */
    public Refusal setMarginMode(long accountId, int symbol, MarginMode mode) {
        Account a = account(accountId);
        if (a == null) {
            return Refusal.UNKNOWN_ACCOUNT;
        }
        Position p = a.positions[symbol];
        if (p.sizeLots != 0 || p.isolatedWalletE8 != 0) {
            return Refusal.POSITION_OPEN;
        }
        p.mode = mode;
        return null;
    }

    /** Adds (positive) or removes (negative) margin of an isolated position, from or to the cross wallet. */
    public Refusal adjustIsolatedMargin(long accountId, int symbol, long deltaE8) {
        Account a = account(accountId);
        if (a == null) {
            return Refusal.UNKNOWN_ACCOUNT;
        }
        Position p = a.positions[symbol];
        if (p.mode != MarginMode.ISOLATED || p.sizeLots == 0) {
            return Refusal.NOT_ISOLATED;
        }
        if (deltaE8 == 0) {
            return Refusal.NOT_POSITIVE;
        }
        if (deltaE8 > 0) {
            if (deltaE8 > Math.min(a.crossWalletE8, availableBalanceE8(accountId))) {
                return Refusal.INSUFFICIENT_BALANCE;
            }
        } else {
            // What stays must still cover the position's initial margin (Binance's "max removable").
            long keep = p.isolatedWalletE8 + Math.min(0, unrealizedPnlE8(p, symbol)) + deltaE8;
            if (keep < initialMarginE8(p, symbol)) {
                return Refusal.ISOLATED_MARGIN_TOO_LOW;
            }
        }
        a.crossWalletE8 -= deltaE8;
        p.isolatedWalletE8 += deltaE8;
        return null;
    }

    // ------------------------------------------------------------------------------------------------ trading

    /**
     * Books one fill for one account: fee, position change, realized PnL. For an isolated position, opening moves
     * the added initial margin from the cross wallet into the position, and reducing returns the released share of
     * its margin together with the realized PnL.
     */
    public FillResult applyFill(long accountId, int symbol, Side side, long priceTicks, long qtyLots, boolean maker) {
        SymbolSpec spec = specs.get(symbol);
        long notional = spec.instrument().notionalE8(priceTicks, qtyLots);
        return book(accountId, symbol, side, qtyLots, notional, spec.fees().feeE8(notional, maker));
    }

    /**
     * Books a position transfer outside the book — an insurance-fund takeover or an ADL close at the bankruptcy
     * price, which need not be on the tick — with no fee. Both sides of a transfer use the same total notional, so
     * money is conserved to the unit.
     */
    public FillResult applyTransfer(long accountId, int symbol, Side side, long qtyLots, long priceE8) {
        long qtyE8 = specs.get(symbol).instrument().qtyE8(qtyLots);
        return book(accountId, symbol, side, qtyLots, Fixed.mulDiv(qtyE8, priceE8, Fixed.E8, Fixed.Round.HALF_EVEN), 0);
    }

    /** Moves money between two accounts' cross wallets (liquidation fees, fund top-ups). */
    public void transfer(long fromAccount, long toAccount, long amountE8) {
        Account from = account(fromAccount);
        Account to = account(toAccount);
        if (from == null || to == null) {
            throw new IllegalStateException("transfer between unknown accounts " + fromAccount + " → " + toAccount);
        }
        from.crossWalletE8 -= amountE8;
        to.crossWalletE8 += amountE8;
    }

    private FillResult book(long accountId, int symbol, Side side, long qtyLots, long notionalE8, long fee) {
        Account a = account(accountId);
        if (a == null) {
            throw new IllegalStateException("fill for unknown account " + accountId);
        }
        Position p = a.positions[symbol];
        a.crossWalletE8 -= fee;
        a.feesPaidE8 += fee;
        feesCollectedE8 += fee;

        int s = side.sign();
        long realized = 0;
        long remaining = qtyLots;
        long closeNotional = 0;
        if (p.sizeLots != 0 && Long.signum(p.sizeLots) != s) {
            long abs = Math.abs(p.sizeLots);
            long close = Math.min(remaining, abs);
            // One total notional split between the closing and opening parts: nothing is lost to rounding.
            closeNotional = close == qtyLots ? notionalE8 : Fixed.mulDiv(notionalE8, close, qtyLots, Fixed.Round.FLOOR);
            long released = Fixed.mulDiv(p.costE8, close, abs, Fixed.Round.HALF_EVEN);
            realized = -s * closeNotional - released;
            p.costE8 -= released;
            p.sizeLots += s * close;
            remaining -= close;
            if (p.mode == MarginMode.ISOLATED) {
                long releasedMargin = p.sizeLots == 0 ? p.isolatedWalletE8
                        : Fixed.mulDiv(p.isolatedWalletE8, close, abs, Fixed.Round.FLOOR);
                p.isolatedWalletE8 -= releasedMargin;
                a.crossWalletE8 += releasedMargin;
            }
            a.crossWalletE8 += realized;
            a.realizedPnlE8 += realized;
        }
        if (remaining > 0) {
            long openNotional = notionalE8 - closeNotional;
            p.sizeLots += s * remaining;
            p.costE8 += s * openNotional;
            if (maintenanceModel == MaintenanceModel.RISK_LIMIT) {
                // The risk limit follows the position up (Bybit requires raising it to open beyond the tier's cap).
                p.riskTier = Math.max(p.riskTier, specs.get(symbol).brackets().bracketFor(Math.abs(p.costE8)).bracket() - 1);
            }
            if (p.mode == MarginMode.ISOLATED) {
                long margin = Fixed.mulDiv(openNotional, 1, p.leverage, Fixed.Round.CEILING);
                a.crossWalletE8 -= margin;
                p.isolatedWalletE8 += margin;
            }
        }
        if (p.sizeLots == 0 && p.costE8 != 0) {
            throw new IllegalStateException("flat position with cost basis " + p.costE8 + " for account " + accountId);
        }
        if (p.sizeLots == 0) {
            p.riskTier = 0;
        }
        return new FillResult(realized, fee, p.sizeLots);
    }

    // ------------------------------------------------------------------------------------------------ prices, funding

    public void setMarkPrice(int symbol, long priceE8) {
        if (priceE8 <= 0) {
            throw new IllegalArgumentException("mark price must be positive, was " + priceE8);
        }
        markE8[symbol] = priceE8;
    }

    public long markPriceE8(int symbol) {
        return markE8[symbol];
    }

    /** One funding payment received (+) or paid (−) by an account. */
    public record FundingPayment(long accountId, long amountE8) {
    }

    /**
     * Settles funding on every open position of the symbol at the current mark: each pays
     * {@code notional × rate} (longs pay when the rate is positive). Payers are charged rounded up, receivers credited
     * rounded down; the difference (never negative) stays with the venue as a funding remainder. Isolated positions
     * pay from and receive into their isolated margin. Returns the payments in account order.
     */
    public List<FundingPayment> settleFunding(int symbol, long rateE8) {
        List<FundingPayment> out = new ArrayList<>();
        if (rateE8 == 0) {
            return out;
        }
        long mark = markE8[symbol];
        if (mark <= 0) {
            throw new IllegalStateException("funding needs a mark price for " + specs.get(symbol).instrument().symbol());
        }
        long paid = 0;
        long received = 0;
        for (Account a : accounts.values()) {
            Position p = a.positions[symbol];
            if (p.sizeLots == 0) {
                continue;
            }
            // Exact |qty| × mark × |rate|, then rounded: Σ over longs and Σ over shorts of the exact amounts are equal
            // (positions sum to zero), so payers-up / receivers-down leaves a remainder that is never negative.
            long qtyE8 = Math.abs(p.sizeLots) * specs.get(symbol).instrument().stepSizeE8();
            boolean pays = (p.sizeLots > 0) == (rateE8 > 0);
            long magnitude = Fixed.mulMulDiv(qtyE8, mark, Math.abs(rateE8), Fixed.E8 * Fixed.E8,
                    pays ? Fixed.Round.CEILING : Fixed.Round.FLOOR);
            long amount = pays ? -magnitude : magnitude;
            if (p.mode == MarginMode.ISOLATED) {
                p.isolatedWalletE8 += amount;
            } else {
                a.crossWalletE8 += amount;
            }
            a.fundingPaidE8 -= amount;
            if (pays) {
                paid += magnitude;
            } else {
                received += magnitude;
            }
            out.add(new FundingPayment(a.id, amount));
        }
        fundingRemainderE8 += paid - received;
        return out;
    }

    // ------------------------------------------------------------------------------------------------ queries

    private long notionalE8(Position p, int symbol) {
        if (p.sizeLots == 0) {
            return 0;
        }
        long qtyE8 = Math.abs(p.sizeLots) * specs.get(symbol).instrument().stepSizeE8();
        return Fixed.mulDiv(qtyE8, markE8[symbol], Fixed.E8, Fixed.Round.HALF_EVEN);
    }

    private long unrealizedPnlE8(Position p, int symbol) {
        if (p.sizeLots == 0) {
            return 0;
        }
        long qtyE8 = p.sizeLots * specs.get(symbol).instrument().stepSizeE8();
        return Fixed.mulDiv(qtyE8, markE8[symbol], Fixed.E8, Fixed.Round.FLOOR) - p.costE8;
    }

    private long initialMarginE8(Position p, int symbol) {
        return Fixed.mulDiv(notionalE8(p, symbol), 1, p.leverage, Fixed.Round.CEILING);
    }

    private long maintenanceMarginE8(Position p, int symbol) {
        long notional = notionalE8(p, symbol);
        if (maintenanceModel == MaintenanceModel.BRACKET) {
            return specs.get(symbol).brackets().maintenanceMarginE8(notional);
        }
        return Fixed.applyRate(notional, riskBracket(p, symbol, notional).maintMarginRateE8(), Fixed.Round.CEILING);
    }

    /** The bracket whose MMR applies under risk limits: the position's tier, or the notional's bracket if higher. */
    private LeverageBracket riskBracket(Position p, int symbol, long notionalE8) {
        BracketTable table = specs.get(symbol).brackets();
        LeverageBracket byNotional = table.bracketFor(notionalE8);
        return byNotional.bracket() - 1 >= p.riskTier ? byNotional : table.brackets().get(p.riskTier);
    }

    public MaintenanceModel maintenanceModel() {
        return maintenanceModel;
    }

    /** The position's risk-limit tier (1-based bracket number) under {@link MaintenanceModel#RISK_LIMIT}. */
    public int riskTier(long accountId, int symbol) {
        return position(accountId, symbol).riskTier + 1;
    }

    /**
     * Lowers the position's risk-limit tier to the lowest its notional at the mark allows (Bybit's first liquidation
     * step). Returns whether the tier changed.
     */
    public boolean lowerRiskTier(long accountId, int symbol) {
        Position p = position(accountId, symbol);
        int lowest = specs.get(symbol).brackets().bracketFor(notionalE8(p, symbol)).bracket() - 1;
        if (lowest >= p.riskTier) {
            return false;
        }
        p.riskTier = lowest;
        return true;
    }

    private Position position(long accountId, int symbol) {
        Account a = account(accountId);
        if (a == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        return a.positions[symbol];
    }

    public long positionLots(long accountId, int symbol) {
        Account a = account(accountId);
        return a == null ? 0 : a.positions[symbol].sizeLots;
    }

    public long costBasisE8(long accountId, int symbol) {
        return position(accountId, symbol).costE8;
    }

    /** Average entry price (E8, rounded half-even); 0 when flat. */
    public long entryPriceE8(long accountId, int symbol) {
        Position p = position(accountId, symbol);
        if (p.sizeLots == 0) {
            return 0;
        }
        long qtyE8 = Math.abs(p.sizeLots) * specs.get(symbol).instrument().stepSizeE8();
        return Fixed.mulDiv(Math.abs(p.costE8), Fixed.E8, qtyE8, Fixed.Round.HALF_EVEN);
    }

    public long notionalE8(long accountId, int symbol) {
        return notionalE8(position(accountId, symbol), symbol);
    }

    public long unrealizedPnlE8(long accountId, int symbol) {
        return unrealizedPnlE8(position(accountId, symbol), symbol);
    }

    public long initialMarginE8(long accountId, int symbol) {
        return initialMarginE8(position(accountId, symbol), symbol);
    }

    public long maintenanceMarginE8(long accountId, int symbol) {
        return maintenanceMarginE8(position(accountId, symbol), symbol);
    }

    public int leverage(long accountId, int symbol) {
        return position(accountId, symbol).leverage;
    }

    public MarginMode marginMode(long accountId, int symbol) {
        return position(accountId, symbol).mode;
    }

    public long isolatedWalletE8(long accountId, int symbol) {
        return position(accountId, symbol).isolatedWalletE8;
    }

    /** Wallet balance: cross wallet plus the margin held by isolated positions. */
    public long walletBalanceE8(long accountId) {
        Account a = account(accountId);
        long w = a.crossWalletE8;
        for (Position p : a.positions) {
            w += p.isolatedWalletE8;
        }
        return w;
    }

    public long crossWalletE8(long accountId) {
        return account(accountId).crossWalletE8;
    }

    /** Cross margin balance: cross wallet + collateral value + unrealized PnL of cross positions. */
    public long crossMarginBalanceE8(long accountId) {
        Account a = account(accountId);
        long m = a.crossWalletE8 + collateralValue(a);
        for (int i = 0; i < a.positions.length; i++) {
            if (a.positions[i].mode == MarginMode.CROSS) {
                m += unrealizedPnlE8(a.positions[i], i);
            }
        }
        return m;
    }

    /** Margin balance: wallet balance + collateral value + all unrealized PnL. */
    public long marginBalanceE8(long accountId) {
        Account a = account(accountId);
        long m = walletBalanceE8(accountId) + collateralValue(a);
        for (int i = 0; i < a.positions.length; i++) {
            m += unrealizedPnlE8(a.positions[i], i);
        }
        return m;
    }

    /** Σ maintenance margin of cross positions (the numerator of the cross margin ratio). */
    public long crossMaintenanceMarginE8(long accountId) {
        Account a = account(accountId);
        long m = 0;
        for (int i = 0; i < a.positions.length; i++) {
            if (a.positions[i].mode == MarginMode.CROSS) {
                m += maintenanceMarginE8(a.positions[i], i);
            }
        }
        return m;
    }

    /**
     * Initial margin a symbol's position and open orders need together (Binance one-way mode):
     * {@code max(|N + bids|, |N − asks|) / leverage + open loss}, N the signed position notional at mark, bids and asks
     * the open orders' values at their assumed prices. An opposite order up to the position size needs nothing more.
     */
    private long requirementE8(Position p, int symbol, long extraBidE8, long extraAskE8) {
        long n = p.sizeLots == 0 ? 0 : Long.signum(p.sizeLots) * notionalE8(p, symbol);
        long exposure = Math.max(Math.abs(n + p.bidValueE8 + extraBidE8), Math.abs(n - p.askValueE8 - extraAskE8));
        return Fixed.mulDiv(exposure, 1, p.leverage, Fixed.Round.CEILING);
    }

    /** What a symbol's open orders need beyond the position's own initial margin (never negative). */
    private long orderMarginE8(Position p, int symbol) {
        return Math.max(0, requirementE8(p, symbol, 0, 0) - initialMarginE8(p, symbol)) + p.openLossE8;
    }

    /**
     * Available balance: cross margin balance − initial margin of cross positions − what open orders need (never
     * below zero). Isolated positions' own margin sits in their isolated wallets and is not counted here.
     */
    public long availableBalanceE8(long accountId) {
        return Math.max(0, rawAvailableE8(accountId));
    }

    /** The available balance before clamping at zero (negative once losses exceed what the margin can bear). */
    public long rawAvailableE8(long accountId) {
        Account a = account(accountId);
        long v = crossMarginBalanceE8(accountId);
        for (int i = 0; i < a.positions.length; i++) {
            Position p = a.positions[i];
            if (p.mode == MarginMode.CROSS) {
                v -= initialMarginE8(p, i);
            }
            v -= orderMarginE8(p, i);
        }
        return v;
    }

    /**
     * Extra initial margin a new order would need (the Binance "cost to open": the change in the symbol's requirement
     * at the order's assumed price, plus its open loss).
     */
    public long orderCostE8(long accountId, int symbol, Side side, long valueE8, long openLossE8) {
        Position p = position(accountId, symbol);
        long before = requirementE8(p, symbol, 0, 0);
        long after = side == Side.BUY ? requirementE8(p, symbol, valueE8, 0) : requirementE8(p, symbol, 0, valueE8);
        return Math.max(0, after - before) + openLossE8;
    }

    /** Records (positive) or releases (negative) an open order's value and open loss on its side. */
    public void addOpenOrder(long accountId, int symbol, Side side, long valueE8, long openLossE8) {
        Position p = position(accountId, symbol);
        if (side == Side.BUY) {
            p.bidValueE8 = Math.addExact(p.bidValueE8, valueE8);
        } else {
            p.askValueE8 = Math.addExact(p.askValueE8, valueE8);
        }
        p.openLossE8 = Math.addExact(p.openLossE8, openLossE8);
        if (p.bidValueE8 < 0 || p.askValueE8 < 0 || p.openLossE8 < 0) {
            throw new IllegalStateException("open-order totals below zero for account " + accountId);
        }
    }

    public long openOrderMarginE8(long accountId, int symbol) {
        Position p = position(accountId, symbol);
        return orderMarginE8(p, symbol);
    }

    /** Cross margin ratio (E8): maintenance margin / margin balance; liquidation at ≥ 1 (1e8). Max when balance ≤ 0. */
    public long crossMarginRatioE8(long accountId) {
        long balance = crossMarginBalanceE8(accountId);
        long mm = crossMaintenanceMarginE8(accountId);
        if (mm == 0) {
            return 0;
        }
        if (balance <= 0) {
            return Long.MAX_VALUE;
        }
        return Fixed.mulDiv(mm, Fixed.E8, balance, Fixed.Round.CEILING);
    }

    public long feesPaidE8(long accountId) {
        return account(accountId).feesPaidE8;
    }

    public long fundingPaidE8(long accountId) {
        return account(accountId).fundingPaidE8;
    }

    public long realizedPnlE8(long accountId) {
        return account(accountId).realizedPnlE8;
    }

    // ------------------------------------------------------------------------------------------------ liquidation checks

    /** Cross margin ratio ≥ 100%: maintenance margin of cross positions ≥ cross margin balance (with a cross position). */
    public boolean crossLiquidatable(long accountId) {
        long mm = crossMaintenanceMarginE8(accountId);
        return mm > 0 && mm >= crossMarginBalanceE8(accountId);
    }

    /** An isolated position whose margin (isolated wallet + unrealized PnL) no longer covers its maintenance margin. */
    public boolean isolatedLiquidatable(long accountId, int symbol) {
        Position p = position(accountId, symbol);
        if (p.mode != MarginMode.ISOLATED || p.sizeLots == 0) {
            return false;
        }
        return maintenanceMarginE8(p, symbol) >= p.isolatedWalletE8 + unrealizedPnlE8(p, symbol);
    }

    /** Symbols in which the account holds a cross position. */
    public int crossPositionCount(long accountId) {
        Account a = account(accountId);
        int n = 0;
        for (Position p : a.positions) {
            if (p.mode == MarginMode.CROSS && p.sizeLots != 0) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------ liquidation prices

    /**
     * Binance's one-way liquidation price (E8) of a position: the mark at which the margin balance backing it meets
     * maintenance margin, {@code LP = (WB − TMM1 + UPNL1 + cum − s·Q·EP) / (Q·MMR − s·Q)}, with WB the cross wallet
     * (TMM1, UPNL1 over the account's other cross positions) or the isolated wallet (TMM1 = UPNL1 = 0), and the
     * bracket re-chosen at the liquidation notional when it differs. 0 when flat or when no positive price exists.
     */
    public long liquidationPriceE8(long accountId, int symbol) {
        return breakEvenPriceE8(accountId, symbol, true);
    }

    /** The bankruptcy price: the same construction with MMR = 0 and cum = 0 (margin balance reaches zero). */
    public long bankruptcyPriceE8(long accountId, int symbol) {
        return breakEvenPriceE8(accountId, symbol, false);
    }

    private long breakEvenPriceE8(long accountId, int symbol, boolean maintenance) {
        Account a = account(accountId);
        Position p = a.positions[symbol];
        if (p.sizeLots == 0) {
            return 0;
        }
        long wb;
        long others = 0; // UPNL1 − TMM1 over the other cross positions
        if (p.mode == MarginMode.ISOLATED) {
            wb = p.isolatedWalletE8;
        } else {
            wb = a.crossWalletE8 + collateralValue(a);
            for (int i = 0; i < a.positions.length; i++) {
                Position o = a.positions[i];
                if (i != symbol && o.mode == MarginMode.CROSS && o.sizeLots != 0) {
                    others += unrealizedPnlE8(o, i) - maintenanceMarginE8(o, i);
                }
            }
        }
        BracketTable table = specs.get(symbol).brackets();
        long qtyE8 = Math.abs(p.sizeLots) * specs.get(symbol).instrument().stepSizeE8();
        int s = p.sizeLots > 0 ? 1 : -1;
        // The position's cost basis is s·Q·EP exactly.
        boolean riskLimit = maintenanceModel == MaintenanceModel.RISK_LIMIT;
        LeverageBracket bracket = riskLimit ? riskBracket(p, symbol, notionalE8(p, symbol)) : table.bracketFor(notionalE8(p, symbol));
        long price = 0;
        for (int round = 0; round < 3; round++) {
            long mmr = maintenance ? bracket.maintMarginRateE8() : 0;
            long cum = maintenance && !riskLimit ? bracket.cumE8() : 0;
            long numerator = wb + others + cum - p.costE8;                       // E8 quote
            long denominatorE8 = Fixed.mulDiv(qtyE8, mmr, Fixed.E8, Fixed.Round.HALF_EVEN) - s * qtyE8; // E8 base
            if (denominatorE8 == 0) {
                return 0;
            }
            // Longs: round the liquidation price up (earlier); shorts: down (earlier) — the venue's conservative side.
            if (Math.abs(numerator) / Math.max(1, Math.abs(denominatorE8)) >= Long.MAX_VALUE / Fixed.E8) {
                return 0; // beyond any representable price (a deep wallet behind a tiny position): no price reaches it
            }
            price = Fixed.mulDiv(numerator, Fixed.E8, denominatorE8, s > 0 ? Fixed.Round.CEILING : Fixed.Round.FLOOR);
            if (price <= 0) {
                return 0;
            }
            if (!maintenance) {
                return price;
            }
            long notionalAt = Fixed.mulDiv(qtyE8, price, Fixed.E8, Fixed.Round.HALF_EVEN);
            LeverageBracket at = riskLimit ? riskBracket(p, symbol, notionalAt) : table.bracketFor(notionalAt);
            if (at.bracket() == bracket.bracket()) {
                return price;
            }
            bracket = at;
        }
        return price;
    }

    // ------------------------------------------------------------------------------------------------ invariants

    public long depositsE8() {
        return depositsE8;
    }

    public long withdrawalsE8() {
        return withdrawalsE8;
    }

    public long feesCollectedE8() {
        return feesCollectedE8;
    }

    public long fundingRemainderE8() {
        return fundingRemainderE8;
    }

    /**
     * Conservation of money and zero-sum positions, to the unit: deposits − withdrawals = Σ wallets − Σ cost bases +
     * fees collected + funding remainders − socialized losses (USDT; the insurance fund and the backstop vault are
     * accounts, so their balances and positions are in the sums), Σ position lots = 0 per symbol, and per collateral
     * asset, units deposited = Σ units held. Throws naming the broken part.
     */
    public void checkConservation() {
        long wallets = 0;
        long costs = 0;
        long[] lots = new long[specs.size()];
        long[] symbolCost = new long[specs.size()];
        for (Account a : accounts.values()) {
            wallets = Math.addExact(wallets, a.crossWalletE8);
            for (int i = 0; i < a.positions.length; i++) {
                Position p = a.positions[i];
                wallets = Math.addExact(wallets, p.isolatedWalletE8);
                costs = Math.addExact(costs, p.costE8);
                lots[i] += p.sizeLots;
                symbolCost[i] += p.costE8;
            }
        }
        for (int i = 0; i < lots.length; i++) {
            if (lots[i] != 0) {
                throw new IllegalStateException("positions of " + specs.get(i).instrument().symbol() + " sum to " + lots[i] + " lots, not 0");
            }
        }
        long left = depositsE8 - withdrawalsE8;
        long right = wallets - costs + feesCollectedE8 + fundingRemainderE8 - socializedLossE8;
        if (left != right) {
            throw new IllegalStateException("money not conserved: deposits − withdrawals = " + left + " but wallets " + wallets
                    + " − cost bases " + costs + " + fees " + feesCollectedE8 + " + funding remainder " + fundingRemainderE8
                    + " − socialized " + socializedLossE8 + " = " + right);
        }
        for (int k = 0; k < assetNames.size(); k++) {
            long held = 0;
            int holding = 0;
            for (Account a : accounts.values()) {
                if (a.collateralUnitsE8 != null && k < a.collateralUnitsE8.length) {
                    if (a.collateralUnitsE8[k] < 0) {
                        throw new IllegalStateException("account " + a.id + " holds " + a.collateralUnitsE8[k] + " units of "
                                + assetNames.get(k));
                    }
                    held = Math.addExact(held, a.collateralUnitsE8[k]);
                    if (a.collateralUnitsE8[k] != 0) {
                        holding++;
                        if (!holdersByAsset.get(k).contains(a.id)) {
                            throw new IllegalStateException("account " + a.id + " holds " + assetNames.get(k) + " but is not in its holder index");
                        }
                    }
                }
            }
            if (holding != holdersByAsset.get(k).size()) {
                throw new IllegalStateException(assetNames.get(k) + " holder index has " + holdersByAsset.get(k).size()
                        + " accounts, " + holding + " hold it");
            }
            if (held != assetDepositsE8[k]) {
                throw new IllegalStateException("collateral " + assetNames.get(k) + " not conserved: deposited "
                        + assetDepositsE8[k] + " units, held " + held);
            }
        }
    }
}
