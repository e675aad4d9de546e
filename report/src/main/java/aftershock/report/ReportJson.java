package aftershock.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The report's data as the page's script reads it (package-private): compact JSON, series as arrays on each variant's
 * clock ({@code null} for a missing value, 8 significant digits), heatmaps as sparse {@code [timeIndex, bucketIndex, usd]} cells. Safe to
 * embed in a {@code <script>} element: {@code <}, {@code >}, {@code &} and the JavaScript line separators are
 * written as {@code \\uXXXX} escapes.
 */
final class ReportJson {
    private static final JsonFactory FACTORY =
            JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final MathContext DIGITS = new MathContext(8, RoundingMode.HALF_EVEN);

    private ReportJson() {
    }

    static String of(ReportData data) {
        StringWriter out = new StringWriter(1 << 20);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(new HtmlSafeEscapes());
            write(g, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, ReportData data) throws IOException {
        g.writeStartObject();
        g.writeStringField("title", data.title());
        g.writeStringField("scenario", data.scenario());
        g.writeStringField("seed", Long.toString(data.seed())); // a string: JavaScript numbers lose 64-bit longs
        g.writeArrayFieldStart("symbols");
        for (String s : data.symbols()) {
            g.writeString(s);
        }
        g.writeEndArray();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Variant v : data.variants()) {
            long[] t = v.timesMs();
            if (t.length > 0) {
                min = Math.min(min, t[0]);
                max = Math.max(max, t[t.length - 1]);
            }
        }
        if (min <= max) {
            g.writeArrayFieldStart("range");
            g.writeNumber(min);
            g.writeNumber(max);
            g.writeEndArray();
        } else {
            g.writeNullField("range");
        }
        g.writeArrayFieldStart("variants");
        for (Variant v : data.variants()) {
            writeVariant(g, v);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeVariant(JsonGenerator g, Variant v) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", v.name());
        g.writeFieldName("times");
        long[] times = v.timesMs();
        g.writeArray(times, 0, times.length);
        g.writeObjectFieldStart("instruments");
        for (InstrumentSeries s : v.instruments()) {
            g.writeObjectFieldStart(s.symbol());
            series(g, "open", s.open());
            series(g, "high", s.high());
            series(g, "low", s.low());
            series(g, "close", s.close());
            series(g, "mark", s.mark());
            series(g, "index", s.index());
            series(g, "volumeUsd", s.volumeUsd());
            series(g, "openInterestUsd", s.openInterestUsd());
            series(g, "fundingRate", s.fundingRate());
            series(g, "bidDepth1PctUsd", s.bidDepth1PctUsd());
            series(g, "askDepth1PctUsd", s.askDepth1PctUsd());
            series(g, "bidDepth2PctUsd", s.bidDepth2PctUsd());
            series(g, "askDepth2PctUsd", s.askDepth2PctUsd());
            series(g, "longLiquidationsUsd", s.longLiquidationsUsd());
            series(g, "shortLiquidationsUsd", s.shortLiquidationsUsd());
            heatmap(g, "trueHeatmap", s.trueHeatmap());
            heatmap(g, "estimatedHeatmap", s.estimatedHeatmap());
            g.writeEndObject();
        }
        g.writeEndObject();
        VenueSeries venue = v.venue();
        g.writeObjectFieldStart("venue");
        series(g, "coinbasePremiumPct", venue.coinbasePremiumPct());
        series(g, "coinbasePremiumUsd", venue.coinbasePremiumUsd());
        series(g, "insuranceFundUsd", venue.insuranceFundUsd());
        g.writeEndObject();
        g.writeArrayFieldStart("adl");
        for (AdlEvent e : v.adlEvents()) {
            g.writeStartArray();
            g.writeNumber(e.timeMs());
            g.writeString(e.symbol());
            number(g, e.executionPrice());
            number(g, e.markPrice());
            number(g, e.deviationPct());
            number(g, e.qty());
            number(g, e.notionalUsd());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("halts");
        for (Halt h : v.halts()) {
            g.writeStartArray();
            g.writeString(h.symbol());
            g.writeNumber(h.startMs());
            g.writeNumber(h.endMs());
            g.writeString(h.reason());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void series(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            number(g, v);
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNull();
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber((long) v); // 1440 instead of 1440.0: a smaller page
        } else {
            // 8 significant digits: a cent on a $1M price, far below what a chart or a tooltip shows.
            g.writeNumber(new BigDecimal(v).round(DIGITS).stripTrailingZeros());
        }
    }

    private static void heatmap(JsonGenerator g, String name, Heatmap h) throws IOException {
        if (h.isEmpty()) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        double[] buckets = h.priceBucketsUsd();
        g.writeArrayFieldStart("buckets");
        for (double b : buckets) {
            number(g, b);
        }
        g.writeEndArray();
        g.writeFieldName("times");
        long[] times = h.timesMs();
        g.writeArray(times, 0, times.length);
        g.writeBooleanField("uniform", uniform(buckets));
        g.writeArrayFieldStart("cells");
        for (int t = 0; t < times.length; t++) {
            for (int b = 0; b < buckets.length; b++) {
                double v = h.valueUsd(t, b);
                if (v > 0) {
                    g.writeStartArray();
                    g.writeNumber(t);
                    g.writeNumber(b);
                    number(g, v);
                    g.writeEndArray();
                }
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Evenly spaced centres (to 0.1 % of a step), so a price axis can be laid exactly over the bucket bands. */
    static boolean uniform(double[] buckets) {
        if (buckets.length < 2) {
            return false;
        }
        double step = (buckets[buckets.length - 1] - buckets[0]) / (buckets.length - 1);
        for (int i = 1; i < buckets.length; i++) {
            if (Math.abs(buckets[i] - buckets[i - 1] - step) > step * 1e-3) {
                return false;
            }
        }
        return true;
    }

    /** Escapes what could end a script element or break a JavaScript string. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : List.of('<', '>', '&')) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028) {
                return new SerializedString("\\u2028");
            }
            if (ch == 0x2029) {
                return new SerializedString("\\u2029");
            }
            return null;
        }
    }
}
