package aftershock.feeds.record;

import aftershock.feeds.FeedSource;
import aftershock.feeds.wire.Json;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The recording format, one JSON object per line:
 * {@code {"ts":<receive time, epoch ms>,"source":"<connector id>","msg":<the message>}}, plus {@code "request"}
 * (the REST request path and query) on lines that hold a REST response. The message is embedded as a JSON value when
 * it is a JSON object or array, else (text that is not JSON, or a bare JSON scalar) as a JSON string, so that reading
 * it back gives exactly the text received. Line breaks inside an embedded JSON message (only possible as whitespace
 * between tokens) are written as spaces so that the message stays on its line.
 */
public final class RecordingFormat {
    /**
     * Lines are read without duplicate-key detection, so that a message with duplicate keys reaches its parser (which
     * counts it as malformed, as it would live); the line's own keys are checked for duplicates here.
     */
    private static final JsonFactory LINES = JsonFactory.builder()
            .streamReadConstraints(Json.FACTORY.streamReadConstraints())
            .build();

    private RecordingFormat() {
    }

    /** The line for one message, without its line terminator. */
    public static String line(long receiveTsMs, FeedSource source, String request, String raw) {
        StringBuilder sb = new StringBuilder(raw.length() + 64);
        sb.append("{\"ts\":").append(receiveTsMs).append(",\"source\":\"").append(source.id()).append('"');
        if (request != null) {
            sb.append(",\"request\":");
            quote(sb, request);
        }
        sb.append(",\"msg\":");
        if (isJsonContainer(raw)) {
            appendOnOneLine(sb, raw);
        } else {
            quote(sb, raw);
        }
        return sb.append('}').toString();
    }

    /** True if the text is exactly one JSON object or array (nothing after it but whitespace). */
    static boolean isJsonContainer(String text) {
        try (JsonParser p = LINES.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void appendOnOneLine(StringBuilder sb, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            sb.append(c == '\n' || c == '\r' ? ' ' : c);
        }
    }

    private static void quote(StringBuilder sb, String text) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, sb);
        sb.append('"');
    }

    /**
     * Reads one line back. The embedded message is cut out of the line as written (not re-serialised), so the parser
     * sees the received text.
     *
     * @throws RecordingFormatException naming file and line if the line is not a valid recording line
     */
    public static RecordedMessage parse(String file, long lineNumber, String line) throws RecordingFormatException {
        Long ts = null;
        FeedSource source = null;
        String request = null;
        String msg = null;
        int stage = 0; // 0: before the object, 1: inside it, 2: after it
        try (JsonParser p = LINES.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RecordingFormatException(file, lineNumber, "not a JSON object");
            }
            stage = 1;
            JsonToken t;
            Set<String> seen = new HashSet<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw new RecordingFormatException(file, lineNumber, "duplicate key \"" + abbreviate(name) + "\"");
                }
                JsonToken value = p.nextToken();
                switch (name) {
                    case "ts" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                || p.getLongValue() < 0) {
                            throw new RecordingFormatException(file, lineNumber,
                                    "\"ts\" must be a non-negative integer (epoch milliseconds)");
                        }
                        ts = p.getLongValue();
                    }
                    case "source" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new RecordingFormatException(file, lineNumber, "\"source\" must be a string");
                        }
                        String id = p.getText();
                        source = FeedSource.byId(id).orElseThrow(() -> new RecordingFormatException(file, lineNumber,
                                "unknown source \"" + abbreviate(id) + "\" (expected one of binance-usdm, "
                                        + "binance-spot, coinbase, bybit, okx)"));
                    }
                    case "request" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new RecordingFormatException(file, lineNumber, "\"request\" must be a string");
                        }
                        request = p.getText();
                    }
                    case "msg" -> {
                        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                            int start = (int) p.currentTokenLocation().getCharOffset();
                            p.skipChildren();
                            int end = (int) p.currentLocation().getCharOffset();
                            msg = line.substring(start, end);
                        } else if (value == JsonToken.VALUE_STRING) {
                            msg = p.getText();
                        } else {
                            throw new RecordingFormatException(file, lineNumber,
                                    "\"msg\" must be a JSON object, array or string");
                        }
                    }
                    default -> p.skipChildren(); // unknown fields are allowed, for forward compatibility
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new RecordingFormatException(file, lineNumber, "not a JSON object");
            }
            stage = 2;
            if (p.nextToken() != null) {
                throw new RecordingFormatException(file, lineNumber, "text after the JSON object");
            }
        } catch (RecordingFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RecordingFormatException(file, lineNumber, switch (stage) {
                case 0 -> "not a JSON object";
                case 1 -> "not valid JSON (" + firstLine(e.getMessage()) + ")";
                default -> "text after the JSON object";
            });
        }
        if (ts == null) {
            throw new RecordingFormatException(file, lineNumber, "missing \"ts\"");
        }
        if (source == null) {
            throw new RecordingFormatException(file, lineNumber, "missing \"source\"");
        }
        if (msg == null) {
            throw new RecordingFormatException(file, lineNumber, "missing \"msg\"");
        }
        return new RecordedMessage(lineNumber, ts, source, request, msg);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return abbreviate(nl < 0 ? message : message.substring(0, nl));
    }
}
