package aftershock.signals.liquidation;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.MarketEvent;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * ADL notices: the latest ADL-risk level each venue publishes per symbol, the alerts (a symbol entering Binance's
 * HIGH or Bybit's TRIGGERED) over a trailing window and since the start, and configured venue announcements of ADL
 * reviews over the same window.
 *
 * <p>Levels for comparison: LOW and NOT_TRIGGERED are 1, MEDIUM 2, HIGH and TRIGGERED 3.
 */
public final class AdlNotices {
    /** @param windowMs the trailing window of alert and announcement counts (default 48 h, the seed's horizon) */
    public record Config(long windowMs) {
        public Config {
            if (windowMs <= 0) {
                throw new IllegalArgumentException("adl: windowMs must be positive: " + windowMs);
            }
        }

        public static Config defaults() {
            return new Config(172_800_000L);
        }
    }

    private final Config config;
    private final TreeMap<String, AdlRisk> latest = new TreeMap<>();
    private final ArrayDeque<Long> alertTimes = new ArrayDeque<>();
    private final ArrayDeque<AdlAnnouncement> reviews = new ArrayDeque<>();
    private long alertsTotal;
    private long notices;
    private long nowMs = Long.MIN_VALUE;

    public AdlNotices(Config config) {
        this.config = config;
    }

    /** The comparable level of a risk rating: 1 (low) to 3 (high / triggered). */
    public static int level(AdlRisk risk) {
        return switch (risk) {
            case LOW, NOT_TRIGGERED -> 1;
            case MEDIUM -> 2;
            case HIGH, TRIGGERED -> 3;
        };
    }

    public void accept(MarketEvent e, long nowMs) {
        advanceTo(nowMs);
        if (!(e instanceof MarketEvent.AdlNotice n)) {
            return;
        }
        notices++;
        String key = n.source().id() + ":" + n.symbol();
        AdlRisk previous = latest.put(key, n.risk());
        if (level(n.risk()) == 3 && (previous == null || level(previous) < 3)) {
            alertsTotal++;
            alertTimes.addLast(nowMs);
        }
    }

    /** Counts an announcement (a REVIEW toward the review count) at its own time. */
    public void announce(AdlAnnouncement a) {
        advanceTo(a.tsMs());
        if (a.kind() == AdlAnnouncement.Kind.REVIEW) {
            reviews.addLast(a);
        }
    }

    public void advanceTo(long nowMs) {
        this.nowMs = Math.max(this.nowMs, nowMs);
        long start = this.nowMs - config.windowMs();
        while (!alertTimes.isEmpty() && alertTimes.peekFirst() <= start) {
            alertTimes.pollFirst();
        }
        while (!reviews.isEmpty() && reviews.peekFirst().tsMs() <= start) {
            reviews.pollFirst();
        }
    }

    /** The latest risk per {@code source:symbol}, sorted by key. */
    public SortedMap<String, AdlRisk> latestRisk() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(latest));
    }

    /** The highest level (1..3) among the latest risks, or 0 if none was published. */
    public int maxLevel() {
        int max = 0;
        for (AdlRisk r : latest.values()) {
            max = Math.max(max, level(r));
        }
        return max;
    }

    /** Alerts (entries into level 3) within the window. */
    public int alertsInWindow() {
        return alertTimes.size();
    }

    public long alertsTotal() {
        return alertsTotal;
    }

    public long notices() {
        return notices;
    }

    /** ADL reviews announced within the window. */
    public int reviewsInWindow() {
        return reviews.size();
    }

    /** The latest review announced within the window, or null. */
    public AdlAnnouncement latestReview() {
        return reviews.peekLast();
    }
}
