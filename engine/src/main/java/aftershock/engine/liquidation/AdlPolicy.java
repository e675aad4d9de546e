package aftershock.engine.liquidation;

/**
 * Who is auto-deleveraged, for how much, and at what price, when a liquidation can neither be filled in the book
 * nor taken over by the insurance fund. No policy is at once solvent, revenue-preserving and fair (Chitra,
 * "Autodeleveraging: Impossibilities and Optimization", arXiv:2512.01112); each makes a different trade-off, and
 * scenarios compare them by the cost measure Σ |mark − execution price| × qty and by socialized losses.
 */
public enum AdlPolicy {
    /** Binance: rank by (max(0, uPnL) / max(1, wallet)) × (maintenance / (wallet + uPnL)); close at the bankruptcy price. */
    BINANCE(false, false),
    /** Bybit/BitMEX: rank by PnL% × effective leverage (PnL% / leverage when losing); close at the bankruptcy price. */
    BYBIT(false, false),
    /** Hyperliquid: rank by unrealized PnL × effective leverage; close at the mark (oracle) price. */
    HYPERLIQUID(false, true),
    /** Pro-rata by contracts across all profitable opposite positions; close at the bankruptcy price. */
    PRO_RATA(true, false),
    /**
     * Minimum deviation: pro-rata by contracts across profitable opposite positions, closed at the mark, so the
     * counterparties bear no price deviation (the cost measure is 0); the gap between mark and bankruptcy price falls
     * on the insurance fund and, beyond it, is recorded as a socialized loss — solvency traded for fairness.
     */
    MIN_DEVIATION(true, true);

    private final boolean proRata;
    private final boolean atMark;

    AdlPolicy(boolean proRata, boolean atMark) {
        this.proRata = proRata;
        this.atMark = atMark;
    }

    /** Shares the quantity across all eligible counterparties in proportion to their positions, instead of a queue. */
    public boolean proRata() {
        return proRata;
    }

    /** Executes at the mark price instead of the liquidated position's bankruptcy price. */
    public boolean atMark() {
        return atMark;
    }
}
