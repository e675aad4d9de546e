package aftershock.feeds;

/**
 * How close a symbol is to auto-deleveraging, as a venue publishes it. Binance's {@code symbolAdlRisk} rating is
 * LOW / MEDIUM / HIGH; Bybit's ADL alert carries the numbers of its documented trigger rule, which the parser
 * evaluates into TRIGGERED or NOT_TRIGGERED.
 */
public enum AdlRisk {
    LOW,
    MEDIUM,
    HIGH,
    NOT_TRIGGERED,
    TRIGGERED
}
