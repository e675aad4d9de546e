package aftershock.feeds;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-source counters of what the parsers saw: messages, events, <em>issues</em> by reason (a rejected message, a
 * rejected element of a message, a detected sequence gap: {@code malformed-json}, {@code missing-field:p},
 * {@code bad-decimal:q}, {@code sequence-gap}, ...) with the raw text of the last few kept, and messages ignored on
 * purpose by reason (subscription acks, pongs, heartbeats, unused event types). Reasons come from a fixed vocabulary
 * in the parsers' code, never from message content, so the maps stay small.
 *
 * <p>Also the stale-feed detector: a watched source from which nothing usable has been received for longer than its
 * threshold is {@link FeedStatus#STALE}. The clock is an argument: no wall clock is read here.
 *
 * <p>Thread-safe (connectors may share one instance).
 */
public final class FeedHealth {
    /** Raw samples kept per source. */
    public static final int SAMPLES_PER_SOURCE_MAX = 16;
    /** Raw text kept per sample, in characters; longer text is cut and marked. */
    public static final int SAMPLE_LENGTH_MAX = 2048;

    /** A message (or part of one) that was not used, or that revealed a problem, with why. */
    public record Issue(FeedSource source, long receiveTsMs, String reason, String raw) {
    }

    private static final class SourceHealth {
        long messages;
        long events;
        long lastHeardTsMs = Long.MIN_VALUE;
        long staleAfterMs = Long.MAX_VALUE;
        long watchedSinceTsMs = Long.MIN_VALUE;
        int linksDown;
        final TreeMap<String, Long> issues = new TreeMap<>();
        final TreeMap<String, Long> ignored = new TreeMap<>();
        final ArrayDeque<Issue> samples = new ArrayDeque<>();
    }

    private final EnumMap<FeedSource, SourceHealth> sources = new EnumMap<>(FeedSource.class);

    public FeedHealth() {
        for (FeedSource s : FeedSource.values()) {
            sources.put(s, new SourceHealth());
        }
    }

    /** A message arrived (counted before it is parsed). */
    public synchronized void received(FeedSource source) {
        sources.get(source).messages++;
    }

    /** A message was used (wholly or in part) or was a known control message: the source is alive. */
    public synchronized void heard(FeedSource source, long receiveTsMs, int events) {
        SourceHealth h = sources.get(source);
        h.events += events;
        if (receiveTsMs > h.lastHeardTsMs) {
            h.lastHeardTsMs = receiveTsMs;
        }
    }

    /** Counts an issue and keeps the raw text (bounded). */
    public synchronized void issue(FeedSource source, long receiveTsMs, String reason, String raw) {
        SourceHealth h = sources.get(source);
        h.issues.merge(reason, 1L, Long::sum);
        if (h.samples.size() == SAMPLES_PER_SOURCE_MAX) {
            h.samples.removeFirst();
        }
        h.samples.addLast(new Issue(source, receiveTsMs, reason, cut(raw)));
    }

    /** Counts a message ignored on purpose (ack, pong, heartbeat, an event type nobody uses). */
    public synchronized void ignored(FeedSource source, String reason) {
        sources.get(source).ignored.merge(reason, 1L, Long::sum);
    }

    /**
     * Watches a source: from {@code sinceTsMs} on, if nothing usable arrives for more than {@code thresholdMs} the
     * source is stale. Unwatched sources are never stale.
     */
    public synchronized void staleAfter(FeedSource source, long thresholdMs, long sinceTsMs) {
        if (thresholdMs <= 0) {
            throw new IllegalArgumentException("stale threshold must be positive: " + thresholdMs);
        }
        SourceHealth h = sources.get(source);
        h.staleAfterMs = thresholdMs;
        h.watchedSinceTsMs = sinceTsMs;
    }

    /**
     * A live connection of the source went down (or has not opened yet): the source is {@link FeedStatus#DOWN} until
     * every such connection is {@link #linkUp up} again. Counted per connection, so a venue with two sockets is down
     * while either is.
     */
    public synchronized void linkDown(FeedSource source) {
        sources.get(source).linksDown++;
    }

    /** A connection reported by {@link #linkDown} is open again. */
    public synchronized void linkUp(FeedSource source) {
        SourceHealth h = sources.get(source);
        if (h.linksDown == 0) {
            throw new IllegalStateException("linkUp without linkDown for " + source);
        }
        h.linksDown--;
    }

    /**
     * DOWN if a live connection of the source is not open; else STALE if the source is watched and has been silent for
     * longer than its threshold at {@code nowMs}; else OK.
     */
    public synchronized FeedStatus status(FeedSource source, long nowMs) {
        SourceHealth h = sources.get(source);
        if (h.linksDown > 0) {
            return FeedStatus.DOWN;
        }
        if (h.staleAfterMs == Long.MAX_VALUE) {
            return FeedStatus.OK;
        }
        long last = Math.max(h.lastHeardTsMs, h.watchedSinceTsMs);
        return nowMs - last > h.staleAfterMs ? FeedStatus.STALE : FeedStatus.OK;
    }

    public synchronized long messages(FeedSource source) {
        return sources.get(source).messages;
    }

    public synchronized long events(FeedSource source) {
        return sources.get(source).events;
    }

    /** The receive time of the last usable message, or {@link Long#MIN_VALUE} if none yet. */
    public synchronized long lastHeardTsMs(FeedSource source) {
        return sources.get(source).lastHeardTsMs;
    }

    public synchronized long issueCount(FeedSource source, String reason) {
        return sources.get(source).issues.getOrDefault(reason, 0L);
    }

    public synchronized long issueTotal(FeedSource source) {
        long total = 0;
        for (long n : sources.get(source).issues.values()) {
            total += n;
        }
        return total;
    }

    /** Issue counts by reason, sorted by reason. */
    public synchronized SortedMap<String, Long> issues(FeedSource source) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(sources.get(source).issues));
    }

    public synchronized long ignoredCount(FeedSource source, String reason) {
        return sources.get(source).ignored.getOrDefault(reason, 0L);
    }

    /** Ignored-message counts by reason, sorted by reason. */
    public synchronized SortedMap<String, Long> ignored(FeedSource source) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(sources.get(source).ignored));
    }

    /** The last few issues with their raw text, oldest first. */
    public synchronized List<Issue> recentIssues(FeedSource source) {
        return List.copyOf(sources.get(source).samples);
    }

    /** One line per source that saw any message: counts, then issues and ignored messages by reason. */
    public synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<FeedSource, SourceHealth> e : sources.entrySet()) {
            SourceHealth h = e.getValue();
            if (h.messages == 0) {
                continue;
            }
            sb.append(e.getKey().id()).append(": messages=").append(h.messages).append(" events=").append(h.events)
                    .append(" issues=").append(h.issues).append(" ignored=").append(h.ignored).append('\n');
        }
        return sb.toString();
    }

    private static String cut(String raw) {
        if (raw == null) {
            return "";
        }
        if (raw.length() <= SAMPLE_LENGTH_MAX) {
            return raw;
        }
        return raw.substring(0, SAMPLE_LENGTH_MAX) + "...(" + raw.length() + " chars)";
    }
}
