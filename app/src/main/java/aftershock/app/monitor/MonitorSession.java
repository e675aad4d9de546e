package aftershock.app.monitor;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.signals.Perp;
import aftershock.signals.Signals;
import aftershock.signals.SignalsConfig;
import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.GateChange;
import aftershock.signals.gate.GateState;
import aftershock.signals.series.Market;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The monitor's loop, fed by a replay (or, later, live connectors): every market event goes into {@link Signals}; at
 * every {@code updateEveryMs} boundary of event time (10:01:00, 10:02:00, ... for one minute) and at the end, the
 * gate decides and the output gets a snapshot. An update at boundary {@code b} includes the events up to and at
 * {@code b}. Time is the signals' clock (the events' receive times by default), never the wall clock, so a replay
 * gives the same updates at any speed.
 *
 * <p>Feed health: the sources the signals need are watched from the first event (never heard within
 * {@code staleAfterMs}: down); any other source from its first event. A watched source silent for longer than
 * {@code staleAfterMs} is stale, and the gate says so.
 */
public final class MonitorSession implements Consumer<MarketEvent> {
    private final Signals signals;
    private final FeedHealth health;
    private final long updateEveryMs;
    private final long staleAfterMs;
    private final MonitorOutput output;
    private final Set<FeedSource> needed;
    private final EnumMap<FeedSource, Boolean> watched = new EnumMap<>(FeedSource.class);
    private long nextUpdateTsMs = Long.MIN_VALUE;
    private long lastUpdateTsMs = Long.MIN_VALUE;
    private long events;
    private long updates;
    private long gateChanges;
    private GateState gateState;

    public MonitorSession(Signals signals, FeedHealth health, long updateEveryMs, long staleAfterMs,
                          MonitorOutput output) {
        if (updateEveryMs <= 0 || staleAfterMs <= 0) {
            throw new IllegalArgumentException("update interval and stale threshold must be positive: "
                    + updateEveryMs + ", " + staleAfterMs);
        }
        this.signals = signals;
        this.health = health;
        this.updateEveryMs = updateEveryMs;
        this.staleAfterMs = staleAfterMs;
        this.output = output;
        this.needed = neededSources(signals.config());
    }

    /** The sources whose markets the signals read: a monitor without them is blind, so they are watched from the start. */
    public static Set<FeedSource> neededSources(SignalsConfig config) {
        EnumSet<FeedSource> s = EnumSet.noneOf(FeedSource.class);
        add(s, config.premium().us());
        add(s, config.premium().offshore());
        add(s, config.premium().usdtUsd());
        add(s, config.ethBtc().eth());
        add(s, config.ethBtc().btc());
        for (Perp p : config.perps()) {
            add(s, p.market());
        }
        return s;
    }

    private static void add(Set<FeedSource> sources, Market market) {
        if (market != null) {
            sources.add(market.source());
        }
    }

    @Override
    public void accept(MarketEvent e) {
        long t = Math.max(signals.nowMs(), eventTimeMs(e));
        if (nextUpdateTsMs == Long.MIN_VALUE) {
            nextUpdateTsMs = Math.floorDiv(t, updateEveryMs) * updateEveryMs + updateEveryMs;
            for (FeedSource s : needed) {
                watch(s, t);
            }
        }
        while (nextUpdateTsMs < t) {
            update(nextUpdateTsMs);
            nextUpdateTsMs += updateEveryMs;
        }
        watch(e.source(), e.receiveTsMs());
        signals.accept(e);
        events++;
    }

    /** The last update, at the latest event's time (unless an update was just made there); none without events. */
    public void finish() {
        if (events == 0) {
            return;
        }
        long now = signals.nowMs();
        if (now != lastUpdateTsMs) {
            update(now);
        }
    }

    private long eventTimeMs(MarketEvent e) {
        return signals.config().clock() == SignalsConfig.Clock.RECEIVE ? e.receiveTsMs() : e.exchangeTsMs();
    }

    private void watch(FeedSource source, long sinceTsMs) {
        if (watched.putIfAbsent(source, Boolean.TRUE) == null) {
            health.staleAfter(source, staleAfterMs, sinceTsMs);
        }
    }

    private void update(long tsMs) {
        Map<String, FeedState> feeds = new TreeMap<>();
        for (FeedSource s : watched.keySet()) {
            feeds.put(s.id(), FeedState.of(health, s, tsMs));
        }
        SignalsSnapshot snapshot = signals.snapshot(tsMs, feeds);
        if (snapshot.gate().state() != gateState) {
            if (gateState != null) {
                gateChanges++;
            }
            gateState = snapshot.gate().state();
            List<GateChange> changes = signals.gateChanges();
            output.gateChange(changes.isEmpty()
                    ? new GateChange(tsMs, null, gateState, snapshot.gate().exposurePctE8(), snapshot.gate().reasons())
                    : changes.get(changes.size() - 1));
        }
        output.update(snapshot);
        lastUpdateTsMs = tsMs;
        updates++;
    }

    /** Events fed into the signals. */
    public long events() {
        return events;
    }

    /** Updates given to the output. */
    public long updates() {
        return updates;
    }

    /** Changes of the gate's state after its first decision. */
    public long gateChanges() {
        return gateChanges;
    }

    /** The gate's latest state, or null before the first update. */
    public GateState gateState() {
        return gateState;
    }
}
