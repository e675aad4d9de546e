package aftershock.feeds.wire;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedParser;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.List;

/**
 * The common frame of the JSON parsers: read the text once, hand the tree to the venue's code, and settle the outcome
 * with {@link FeedHealth}. A whole-message {@link Rejected} voids every event of the message (nothing from a bad
 * message is used); any other exception is a parser bug, counted as {@code internal-error} with the raw text, and
 * still never escapes.
 */
public abstract class JsonFeedParser implements FeedParser {
    protected final FeedHealth health;
    private final FeedSource source;

    protected JsonFeedParser(FeedSource source, FeedHealth health) {
        this.source = source;
        this.health = health;
    }

    @Override
    public final FeedSource source() {
        return source;
    }

    @Override
    public final List<MarketEvent> parse(long receiveTsMs, String raw) {
        return run(receiveTsMs, null, raw);
    }

    @Override
    public final List<MarketEvent> parseResponse(long receiveTsMs, String request, String raw) {
        if (request == null) {
            health.received(source);
            health.issue(source, receiveTsMs, "missing-request", raw);
            return List.of();
        }
        return run(receiveTsMs, request, raw);
    }

    /** A WebSocket message, already read as JSON. */
    protected abstract void onMessage(JsonNode root, long receiveTsMs, Inbox inbox);

    /** A REST response body for {@code request}, already read as JSON. */
    protected abstract void onResponse(String request, JsonNode root, long receiveTsMs, Inbox inbox);

    /**
     * A message that is not JSON at all but is part of the venue's protocol (OKX answers {@code ping} with the text
     * {@code pong}). Returns true if handled.
     */
    protected boolean onText(String raw, Inbox inbox) {
        return false;
    }

    private List<MarketEvent> run(long receiveTsMs, String request, String raw) {
        health.received(source);
        if (raw == null || raw.isEmpty()) {
            health.issue(source, receiveTsMs, "empty-message", raw);
            return List.of();
        }
        if (raw.length() > Json.MESSAGE_LENGTH_MAX) {
            health.issue(source, receiveTsMs, "too-large", raw);
            return List.of();
        }
        Inbox inbox = new Inbox();
        String voided = null;
        try {
            if (request == null && onText(raw, inbox)) {
                return settle(receiveTsMs, raw, inbox);
            }
            JsonNode root = Json.readOrNull(raw);
            if (root == null) {
                voided = "malformed-json";
            } else if (request == null) {
                onMessage(root, receiveTsMs, inbox);
            } else {
                onResponse(request, root, receiveTsMs, inbox);
            }
        } catch (Rejected r) {
            voided = r.reason();
        } catch (IllegalArgumentException e) {
            voided = "invalid-event";
        } catch (RuntimeException e) {
            voided = "internal-error";
        }
        if (voided != null) {
            inbox.clearEvents();
            for (String reason : inbox.issues()) {
                health.issue(source, receiveTsMs, reason, raw);
            }
            health.issue(source, receiveTsMs, voided, raw);
            return List.of();
        }
        return settle(receiveTsMs, raw, inbox);
    }

    private List<MarketEvent> settle(long receiveTsMs, String raw, Inbox inbox) {
        for (String reason : inbox.issues()) {
            health.issue(source, receiveTsMs, reason, raw);
        }
        if (inbox.ignoredReason() != null) {
            health.ignored(source, inbox.ignoredReason());
        }
        List<MarketEvent> events = inbox.events();
        boolean allElementsRejected = events.isEmpty() && inbox.elementsRejected() > 0;
        if (!allElementsRejected) {
            health.heard(source, receiveTsMs, events.size());
        }
        return events.isEmpty() ? List.of() : Collections.unmodifiableList(events);
    }
}
