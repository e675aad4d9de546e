package aftershock.feeds.record;

import aftershock.feeds.FeedParser;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Feeds a recording back through the connectors' parsers, in file order, as fast as possible or paced at a multiple of
 * the recorded receive times. A bad line is counted and described with file and line number, and the replay goes on;
 * in strict mode the first bad line stops it with a {@link RecordingFormatException}. Each message's recorded receive
 * time is its receive time in the replay, so a replay gives the same events as the live session did.
 */
public final class Replayer {
    /** Bad lines described in the report (all are counted). */
    public static final int BAD_LINES_KEPT = 100;
    /** Lines longer than this (characters) are bad lines, not messages. */
    public static final int LINE_LENGTH_MAX = 16 * 1024 * 1024;

    private final EnumMap<FeedSource, FeedParser> parsers;
    private final Consumer<MarketEvent> sink;
    private ReplaySpeed speed = ReplaySpeed.asFastAsPossible();
    private ReplayClock clock = ReplayClock.SYSTEM;
    private boolean strict;

    public Replayer(Map<FeedSource, FeedParser> parsers, Consumer<MarketEvent> sink) {
        this.parsers = new EnumMap<>(FeedSource.class);
        this.parsers.putAll(parsers);
        this.sink = sink;
    }

    /** Paces the replay at {@code speed} on {@code clock}. */
    public Replayer pacing(ReplaySpeed speed, ReplayClock clock) {
        this.speed = speed;
        this.clock = clock;
        return this;
    }

    /** In strict mode the first bad line is an error. */
    public Replayer strict(boolean strict) {
        this.strict = strict;
        return this;
    }

    /** Replays a file, gzip-compressed if its name ends in {@code .gz}. */
    public ReplayReport replay(Path file) throws IOException {
        InputStream stream = Files.newInputStream(file);
        CutTolerantStream cut = null;
        if (file.getFileName().toString().endsWith(".gz")) {
            cut = new CutTolerantStream(new GZIPInputStream(stream, 64 * 1024));
            stream = cut;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8),
                64 * 1024)) {
            CutTolerantStream c = cut;
            return replay(file.toString(), in, () -> c != null && c.cut);
        }
    }

    /**
     * A compressed stream cut short (the recorder was killed mid-block) ends cleanly here instead of throwing, so that
     * everything decompressed before the cut is still read; {@link #cut} tells that it happened.
     */
    private static final class CutTolerantStream extends java.io.FilterInputStream {
        boolean cut;

        CutTolerantStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return cut ? -1 : super.read();
            } catch (EOFException e) {
                cut = true;
                return -1;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return cut ? -1 : super.read(b, off, len);
            } catch (EOFException e) {
                cut = true;
                return -1;
            }
        }
    }

    /** Replays lines from a reader; {@code fileName} names them in bad-line reports. */
    public ReplayReport replay(String fileName, BufferedReader in) throws IOException {
        return replay(fileName, in, () -> false);
    }

    private ReplayReport replay(String fileName, BufferedReader in, java.util.function.BooleanSupplier cutShort)
            throws IOException {
        long lines = 0;
        long messages = 0;
        long events = 0;
        long badLines = 0;
        List<String> bad = new ArrayList<>();
        boolean first = true;
        long startTsMs = 0;
        long startNanos = 0;
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (EOFException e) {
                // A recording cut short (the recorder was killed mid-block): what was read stands.
                RecordingFormatException error = new RecordingFormatException(fileName, lines + 1,
                        "unexpected end of compressed data");
                if (strict) {
                    throw error;
                }
                badLines++;
                keep(bad, error);
                break;
            }
            if (line == null) {
                if (cutShort.getAsBoolean()) {
                    RecordingFormatException error = new RecordingFormatException(fileName, lines + 1,
                            "unexpected end of compressed data");
                    if (strict) {
                        throw error;
                    }
                    badLines++;
                    keep(bad, error);
                }
                break;
            }
            lines++;
            if (line.isBlank()) {
                continue;
            }
            RecordedMessage m;
            try {
                if (line.length() > LINE_LENGTH_MAX) {
                    throw new RecordingFormatException(fileName, lines, "line longer than " + LINE_LENGTH_MAX
                            + " characters");
                }
                m = RecordingFormat.parse(fileName, lines, line);
                if (!parsers.containsKey(m.source())) {
                    throw new RecordingFormatException(fileName, lines, "no parser for source \""
                            + m.source().id() + "\"");
                }
            } catch (RecordingFormatException e) {
                if (strict) {
                    throw e;
                }
                badLines++;
                keep(bad, e);
                continue;
            }
            if (speed.paced()) {
                if (first) {
                    first = false;
                    startTsMs = m.receiveTsMs();
                    startNanos = clock.nanoTime();
                }
                if (!waitUntil(startNanos, speed.replayNanos(m.receiveTsMs() - startTsMs))) {
                    return new ReplayReport(lines, messages, events, badLines, bad, true);
                }
            }
            FeedParser parser = parsers.get(m.source());
            List<MarketEvent> out = m.request() == null
                    ? parser.parse(m.receiveTsMs(), m.text())
                    : parser.parseResponse(m.receiveTsMs(), m.request(), m.text());
            messages++;
            events += out.size();
            for (int i = 0; i < out.size(); i++) {
                sink.accept(out.get(i));
            }
        }
        return new ReplayReport(lines, messages, events, badLines, bad, false);
    }

    /** Waits until {@code offsetNanos} after {@code startNanos}; false if interrupted. */
    private boolean waitUntil(long startNanos, long offsetNanos) {
        while (true) {
            long remaining = offsetNanos - (clock.nanoTime() - startNanos);
            if (remaining <= 0) {
                return true;
            }
            try {
                clock.sleepNanos(remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static void keep(List<String> bad, RecordingFormatException e) {
        if (bad.size() < BAD_LINES_KEPT) {
            bad.add(e.getMessage());
        }
    }
}
