package aftershock.engine.margin;

/**
 * One notional tier of a symbol's leverage brackets (Binance {@code GET /fapi/v1/leverageBracket}): positions whose
 * notional is in [floor, cap) may use up to {@code initialLeverage}, and need maintenance margin
 * {@code notional × mmr − cum}. Money in E8, the rate in E8 (0.004 = 400,000).
 */
public record LeverageBracket(int bracket, int initialLeverage, long notionalFloorE8, long notionalCapE8,
                              long maintMarginRateE8, long cumE8) {
    public LeverageBracket {
        if (bracket < 1 || initialLeverage < 1 || notionalFloorE8 < 0 || notionalCapE8 <= notionalFloorE8
                || maintMarginRateE8 <= 0 || maintMarginRateE8 >= Fixed.E8 || cumE8 < 0) {
            throw new IllegalArgumentException("invalid bracket " + bracket + ": leverage " + initialLeverage
                    + ", notional [" + notionalFloorE8 + ", " + notionalCapE8 + "), mmr " + maintMarginRateE8 + ", cum " + cumE8);
        }
    }
}
