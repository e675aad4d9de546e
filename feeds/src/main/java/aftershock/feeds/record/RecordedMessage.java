package aftershock.feeds.record;

import aftershock.feeds.FeedSource;

/**
 * One line of a recording: when the message was received, from which connector, the REST request it answers (null
 * for a WebSocket message) and the message text exactly as it was received.
 */
public record RecordedMessage(long line, long receiveTsMs, FeedSource source, String request, String text) {
}
