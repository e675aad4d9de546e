package aftershock.engine.price;

import aftershock.engine.margin.Fixed;

/**
 * Binance's funding rate for one interval: the premium index {@code P = (max(0, impactBid − index) −
 * max(0, index − impactAsk)) / index} is sampled (every 5 s on Binance) and averaged with linear time weights
 * 1, 2, …, n; then {@code F = P + clamp(I − P, −clamp, +clamp)}, divided by 8/N for an N-hour interval, and held
 * within the symbol's cap and floor. I is the interest rate per 8 hours (0.01%), the clamp 0.05%. Rates E8.
 */
public final class FundingRate {
    private final long interestRateE8;
    private final long clampE8;
    private final long capE8;
    private final long floorE8;
    private final int intervalHours;
    private long weightedSum;
    private long weightTotal;
    private int samples;

    public FundingRate(long interestRateE8, long clampE8, long capE8, long floorE8, int intervalHours) {
        if (clampE8 < 0 || capE8 < floorE8 || intervalHours < 1 || intervalHours > 8 || 8 % intervalHours != 0) {
            throw new IllegalArgumentException("funding parameters out of range (interval must divide 8 hours)");
        }
        this.interestRateE8 = interestRateE8;
        this.clampE8 = clampE8;
        this.capE8 = capE8;
        this.floorE8 = floorE8;
        this.intervalHours = intervalHours;
    }

    /** Binance defaults: interest 0.01% per 8 h, clamp 0.05%, 8-hour interval, with the given cap and floor. */
    public static FundingRate binance(long capE8, long floorE8) {
        return new FundingRate(10_000L, 50_000L, capE8, floorE8, 8);
    }

    /** The premium index (E8) of one sample; impact prices of 0 (book too thin) count as no premium on that side. */
    public static long premiumE8(long impactBidE8, long impactAskE8, long indexE8) {
        if (indexE8 <= 0) {
            throw new IllegalArgumentException("index must be positive");
        }
        long up = impactBidE8 > 0 ? Math.max(0, impactBidE8 - indexE8) : 0;
        long down = impactAskE8 > 0 ? Math.max(0, indexE8 - impactAskE8) : 0;
        return Fixed.mulDiv(up - down, Fixed.E8, indexE8, Fixed.Round.HALF_EVEN);
    }

    /** Adds the next sample of the interval (the k-th sample gets weight k). */
    public void sample(long premiumE8) {
        samples++;
        weightedSum = Math.addExact(weightedSum, Math.multiplyExact(premiumE8, samples));
        weightTotal += samples;
    }

    public int samples() {
        return samples;
    }

    /** The interval's time-weighted premium index (E8); 0 without samples. */
    public long averagePremiumE8() {
        return weightTotal == 0 ? 0 : Fixed.div(weightedSum, weightTotal, Fixed.Round.HALF_EVEN);
    }

    /** The funding rate for the interval (E8), from the samples so far. */
    public long rateE8() {
        long p = averagePremiumE8();
        long f = p + Math.max(-clampE8, Math.min(clampE8, interestRateE8 - p));
        f = Fixed.mulDiv(f, intervalHours, 8, Fixed.Round.HALF_EVEN); // F / (8 / N)
        return Math.max(floorE8, Math.min(capE8, f));
    }

    /** Starts the next interval. */
    public void reset() {
        weightedSum = 0;
        weightTotal = 0;
        samples = 0;
    }
}
