package aftershock.feeds.wire;

import aftershock.feeds.MarketEvent;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one message turned into while it is being parsed: the events to emit, the issues found in its elements, and
 * whether it was ignored on purpose. {@link JsonFeedParser} settles it with the feed's health.
 */
public final class Inbox {
    private final List<MarketEvent> events = new ArrayList<>(4);
    private final List<String> issues = new ArrayList<>(0);
    private String ignoredReason;
    private int elementsRejected;

    public void emit(MarketEvent event) {
        events.add(event);
    }

    /** The message is a known control message (ack, pong, heartbeat) or an event type nobody uses. */
    public void ignore(String reason) {
        ignoredReason = reason;
    }

    /** Records an issue that does not void the message (a detected gap, a rejected element). */
    public void issue(String reason) {
        issues.add(reason);
    }

    /**
     * Runs {@code handler} on each element of an array; an element that is rejected is counted as an issue and the
     * others are still used (one bad symbol in {@code !markPrice@arr} must not hide the other hundreds).
     */
    public void forEachElement(JsonNode array, Consumer<JsonNode> handler) {
        for (JsonNode element : array) {
            int mark = events.size();
            try {
                handler.accept(element);
            } catch (Rejected r) {
                truncate(mark);
                issues.add(r.reason());
                elementsRejected++;
            } catch (IllegalArgumentException e) {
                truncate(mark);
                issues.add("invalid-event");
                elementsRejected++;
            }
        }
    }

    private void truncate(int size) {
        while (events.size() > size) {
            events.remove(events.size() - 1);
        }
    }

    List<MarketEvent> events() {
        return events;
    }

    List<String> issues() {
        return issues;
    }

    String ignoredReason() {
        return ignoredReason;
    }

    int elementsRejected() {
        return elementsRejected;
    }

    void clearEvents() {
        events.clear();
    }
}
