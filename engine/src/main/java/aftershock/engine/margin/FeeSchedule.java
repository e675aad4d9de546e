package aftershock.engine.margin;

import aftershock.engine.api.DecimalE8;

/**
 * Maker and taker fee rates (E8: 0.0002 = 20,000), charged in the quote asset on the fill's notional. A negative
 * maker rate is a rebate. Fees are rounded up to 1e-8 and rebates down (the venue's favour).
 */
public record FeeSchedule(String tier, long makerRateE8, long takerRateE8) {
    public FeeSchedule {
        if (takerRateE8 < 0 || takerRateE8 >= Fixed.E8 || makerRateE8 <= -Fixed.E8 || makerRateE8 >= Fixed.E8) {
            throw new IllegalArgumentException("fee tier " + tier + ": rates out of range");
        }
    }

    /** Binance USDⓈ-M VIP 0 (USDT-margined): maker 0.0200%, taker 0.0500%, without the BNB discount. */
    public static final FeeSchedule BINANCE_VIP0 = new FeeSchedule("VIP0", DecimalE8.parse("0.0002"), DecimalE8.parse("0.0005"));

    /** Fee (positive: paid by the trader) for a fill of this notional. */
    public long feeE8(long notionalE8, boolean maker) {
        // Rounding up charges a fee up and a (negative) rebate toward zero: both in the venue's favour.
        return Fixed.applyRate(notionalE8, maker ? makerRateE8 : takerRateE8, Fixed.Round.CEILING);
    }
}
