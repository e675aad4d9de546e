package aftershock.engine.liquidation;

import java.util.Objects;

/**
 * The backstop liquidity vault (HLP-style, ledger account −1) as a liquidator of last resort in the Binance and
 * Bybit processes: what the book could not absorb is taken over by the vault — before the insurance fund and ADL —
 * at the reference price moved against the liquidated position by the discount (a long is bought at
 * reference × (1 − discount), a short sold at reference × (1 + discount)), when the vault's equity after the
 * takeover still covers the initial margin of all its positions. The discount is the vault's pay for the risk;
 * the liquidated account bears it (a balance it leaves below zero goes to the insurance fund, as usual).
 */
public record Backstop(boolean enabled, Reference reference, long discountE8) {

    /** The price the discount applies to. */
    public enum Reference { BANKRUPTCY, MARK }

    /** No backstop vault in the Binance/Bybit processes (Hyperliquid's process always has its vault). */
    public static final Backstop OFF = new Backstop(false, Reference.MARK, 0);

    public Backstop {
        Objects.requireNonNull(reference, "reference");
        if (discountE8 < 0 || discountE8 >= 100_000_000L) {
            throw new IllegalArgumentException("discount must be from 0 to below 1, was " + discountE8);
        }
    }

    public static Backstop at(Reference reference, long discountE8) {
        return new Backstop(true, reference, discountE8);
    }
}
