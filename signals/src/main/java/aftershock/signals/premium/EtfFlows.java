package aftershock.signals.premium;

import aftershock.feeds.MarketEvent;
import aftershock.feeds.etf.EtfFlow;
import aftershock.feeds.etf.EtfFlowTable;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * U.S. spot ETF flows: the daily net flow of all funds and the streak of consecutive outflow (or inflow) days, the
 * companion of the Coinbase premium ("ETF outflows 4 days").
 *
 * <p>A table's day becomes known on the signals' clock at {@code 00:00 UTC of the day + publishLagMs} (flow trackers
 * publish after the U.S. close), so a replay sees each day when a trader would have. Days are the table's trading
 * days: a weekend does not break a streak. A day on which no fund reported is skipped (not reported is not a zero
 * flow); a day with a zero net flow ends both streaks.
 */
public final class EtfFlows {
    private static final long DAY_MS = 86_400_000L;

    /** @param publishLagMs when a day's flows are known, after 00:00 UTC of that day (default 24 h) */
    public record Config(long publishLagMs) {
        public Config {
            if (publishLagMs < 0) {
                throw new IllegalArgumentException("etf: publishLagMs must not be negative: " + publishLagMs);
            }
        }

        public static Config defaults() {
            return new Config(DAY_MS);
        }
    }

    private final Config config;
    private final TreeMap<LocalDate, Long> pending = new TreeMap<>();
    private LocalDate lastDay;
    private long lastNetFlowUsdE8 = MarketEvent.ABSENT;
    private int streakSign;
    private int streakDays;
    private long streakFlowUsdE8;
    private int days;

    public EtfFlows(Config config) {
        this.config = config;
    }

    /** Queues every day of a table on which at least one fund reported (net = sum of the reported funds). */
    public void load(EtfFlowTable table) {
        for (LocalDate date : table.dates()) {
            boolean reported = false;
            for (EtfFlow f : table.flowsOn(date)) {
                reported |= f.reported() && !f.ticker().equals(EtfFlow.TOTAL);
            }
            if (reported) {
                add(date, table.netFlowUsdE8(date));
            }
        }
    }

    /** Queues one day's net flow (US$ E8); it is applied when the clock reaches its publication time. */
    public void add(LocalDate date, long netFlowUsdE8) {
        if (lastDay != null && !date.isAfter(lastDay)) {
            throw new IllegalArgumentException("etf: " + date + " is not after the last applied day " + lastDay);
        }
        if (pending.putIfAbsent(date, netFlowUsdE8) != null) {
            throw new IllegalArgumentException("etf: " + date + " given twice");
        }
    }

    /** Applies, in date order, the queued days published at or before {@code nowMs}. */
    public void advanceTo(long nowMs) {
        while (!pending.isEmpty()) {
            Map.Entry<LocalDate, Long> first = pending.firstEntry();
            long publishedMs = first.getKey().toEpochDay() * DAY_MS + config.publishLagMs();
            if (publishedMs > nowMs) {
                return;
            }
            pending.pollFirstEntry();
            apply(first.getKey(), first.getValue());
        }
    }

    private void apply(LocalDate date, long netFlowUsdE8) {
        int sign = Long.signum(netFlowUsdE8);
        if (sign != 0 && sign == streakSign) {
            streakDays++;
            streakFlowUsdE8 = Math.addExact(streakFlowUsdE8, netFlowUsdE8);
        } else {
            streakSign = sign;
            streakDays = sign == 0 ? 0 : 1;
            streakFlowUsdE8 = sign == 0 ? 0 : netFlowUsdE8;
        }
        lastDay = date;
        lastNetFlowUsdE8 = netFlowUsdE8;
        days++;
    }

    /** The latest known day, or null. */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** The latest known day's net flow (US$ E8), or ABSENT. */
    public long netFlowUsdE8() {
        return lastNetFlowUsdE8;
    }

    /** Consecutive days with a net outflow, up to the latest known day. */
    public int outflowDays() {
        return streakSign < 0 ? streakDays : 0;
    }

    /** Consecutive days with a net inflow. */
    public int inflowDays() {
        return streakSign > 0 ? streakDays : 0;
    }

    /** Sum of the current streak's net flows (US$ E8; 0 without a streak). */
    public long streakFlowUsdE8() {
        return streakFlowUsdE8;
    }

    /** Days applied so far. */
    public int days() {
        return days;
    }
}
