package aftershock.feeds.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The one JSON reader of the feeds: strict where strictness protects (duplicate keys and trailing text make a message
 * malformed; keys are case-sensitive, as Binance's {@code e}/{@code E} need), exact for numbers (floats are read as
 * {@code BigDecimal}, never {@code double}).
 */
public final class Json {
    /** Messages longer than this (characters) are rejected unread: the largest venue payloads are far smaller. */
    public static final int MESSAGE_LENGTH_MAX = 8 * 1024 * 1024;

    /** Streaming reads (recording lines) share the mapper's settings. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .maxStringLength(MESSAGE_LENGTH_MAX)
                    .build())
            .build();

    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Json() {
    }

    /** The message's JSON tree, or null if it is not exactly one well-formed JSON value. */
    public static JsonNode readOrNull(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
