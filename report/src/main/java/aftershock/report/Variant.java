package aftershock.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One run of the scenario under one policy (ADL ranking, pro-rata, a circuit breaker ...): its instruments and venue
 * on a common clock, its ADL fills and its halts. The report overlays the variants; the first of a
 * {@link ReportData} is the baseline.
 *
 * <p>Arrays and lists are copied in and out: immutable. Build one minute by minute with {@link #builder(String)}.
 *
 * @param name        the policy, as the legend and the comparison table say it ("ADL ranking", "pro-rata")
 * @param timesMs     the clock, epoch milliseconds (UTC), strictly increasing; by convention one per minute
 * @param instruments one series per instrument, each on the clock; symbols unique
 * @param venue       the venue-wide series, on the clock ({@link VenueSeries#NONE} if not recorded)
 * @param adlEvents   every ADL fill, each on one of {@code instruments}; kept sorted by time (stable)
 * @param halts       every trading halt, each on one of {@code instruments} or on {@link Halt#ALL_SYMBOLS}
 */
public record Variant(String name, long[] timesMs, List<InstrumentSeries> instruments, VenueSeries venue,
                      List<AdlEvent> adlEvents, List<Halt> halts) {
    public Variant {
        Series.requireText(name, "variant name");
        String where = "variant '" + name + "': ";
        timesMs = Series.increasing(timesMs, where + "timesMs");
        instruments = List.copyOf(Objects.requireNonNull(instruments, where + "instruments"));
        Objects.requireNonNull(venue, where + "venue (use VenueSeries.NONE)");
        List<AdlEvent> byTime = new ArrayList<>(Objects.requireNonNull(adlEvents, where + "adlEvents"));
        byTime.sort(Comparator.comparingLong(AdlEvent::timeMs)); // stable: same-time fills keep their order
        adlEvents = List.copyOf(byTime);
        halts = List.copyOf(Objects.requireNonNull(halts, where + "halts"));
        Set<String> symbols = new HashSet<>();
        for (InstrumentSeries s : instruments) {
            if (!symbols.add(s.symbol())) {
                throw new IllegalArgumentException(where + "instrument " + s.symbol() + " appears twice");
            }
            s.requireOnClock(timesMs.length, where);
        }
        venue.requireOnClock(timesMs.length, where);
        for (int i = 0; i < adlEvents.size(); i++) {
            AdlEvent e = adlEvents.get(i);
            if (!symbols.contains(e.symbol())) {
                throw new IllegalArgumentException(where + "ADL event " + i + " is on " + e.symbol()
                        + ", which has no series (instruments: " + symbols + ")");
            }
        }
        for (Halt h : halts) {
            if (!h.symbol().equals(Halt.ALL_SYMBOLS) && !symbols.contains(h.symbol())) {
                throw new IllegalArgumentException(where + "halt of " + h.symbol() + " names no instrument of the "
                        + "variant (instruments: " + symbols + "; use Halt.ALL_SYMBOLS for the whole venue)");
            }
        }
    }

    @Override
    public long[] timesMs() {
        return timesMs.clone();
    }

    /** The series of {@code symbol}, or null when the variant has none. */
    public InstrumentSeries instrument(String symbol) {
        for (InstrumentSeries s : instruments) {
            if (s.symbol().equals(symbol)) {
                return s;
            }
        }
        return null;
    }

    /** A builder that records the variant minute by minute. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Records a variant minute by minute: {@link #minute(long)} starts the next minute of the clock, then the
     * instruments' and the venue's setters fill that minute:
     *
     * <pre>{@code
     * Variant.Builder v = Variant.builder("ADL ranking");
     * v.minute(t);
     * v.instrument("BTCUSDT").ohlc(o, h, l, c).mark(m).index(i).openInterestUsd(oi).fundingRate(f);
     * v.venue().insuranceFundUsd(fund);
     * v.adl(AdlEvent.of(t, "BTCUSDT", price, mark, qty));
     * Variant variant = v.build();
     * }</pre>
     *
     * Not thread-safe: one builder per simulation thread.
     */
    public static final class Builder {
        private final String name;
        private long[] times = new long[256];
        private int minutes;
        private final Map<String, InstrumentSeries.Builder> instruments = new LinkedHashMap<>();
        private final VenueSeries.Builder venue = new VenueSeries.Builder(this);
        private final List<AdlEvent> adlEvents = new ArrayList<>();
        private final List<Halt> halts = new ArrayList<>();

        private Builder(String name) {
            this.name = Series.requireText(name, "variant name");
        }

        /** Starts the next minute of the clock at {@code timeMs} (epoch ms, after the previous minute). */
        public Builder minute(long timeMs) {
            if (minutes > 0 && timeMs <= times[minutes - 1]) {
                throw new IllegalArgumentException("variant '" + name + "': minute " + timeMs
                        + " is not after the previous minute " + times[minutes - 1]);
            }
            if (minutes == times.length) {
                times = Arrays.copyOf(times, minutes * 2);
            }
            times[minutes++] = timeMs;
            return this;
        }

        /** The number of minutes on the clock so far. */
        public int minutes() {
            return minutes;
        }

        /** The recorder of {@code symbol} (created on first use; instruments keep that order). */
        public InstrumentSeries.Builder instrument(String symbol) {
            return instruments.computeIfAbsent(symbol, s -> new InstrumentSeries.Builder(s, this));
        }

        /** The recorder of the venue-wide series. */
        public VenueSeries.Builder venue() {
            return venue;
        }

        /** Adds an ADL fill (any order: the variant sorts them by time). */
        public Builder adl(AdlEvent event) {
            adlEvents.add(Objects.requireNonNull(event, "ADL event"));
            return this;
        }

        /** Adds a trading halt. */
        public Builder halt(Halt halt) {
            halts.add(Objects.requireNonNull(halt, "halt"));
            return this;
        }

        public Variant build() {
            List<InstrumentSeries> series = new ArrayList<>(instruments.size());
            for (InstrumentSeries.Builder b : instruments.values()) {
                series.add(b.build(minutes));
            }
            return new Variant(name, Arrays.copyOf(times, minutes), series, venue.build(minutes), adlEvents, halts);
        }

        int currentMinute() {
            if (minutes == 0) {
                throw new IllegalStateException("variant '" + name + "': call minute(timeMs) before recording values");
            }
            return minutes - 1;
        }
    }
}
