package aftershock.sim.output;

import aftershock.engine.exchange.ExchangeEvent;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventLogTest {

    private static void logSome(EventLog log) {
        log.perp(new ExchangeEvent.MarkPrice(1, 0, "BTCUSDT", 10_800_000_000_000L, -1));
        log.perp(new ExchangeEvent.MarkPrice(2, 1_000_000_000L, "ETHUSDT", Long.MIN_VALUE, Long.MAX_VALUE));
        log.perp(new ExchangeEvent.MarkPrice(3, 7, "BTCUSDT", 0, -1234567890123L));
        log.note(5, "maker withdraws after a loss: appetite 0.350");
    }

    @Test
    void theHashIsTheSha256OfTheTextWrittenAndNumbersAreDecimal() throws Exception {
        StringWriter out = new StringWriter();
        EventLog written = new EventLog(out);
        EventLog hashed = new EventLog(null);
        logSome(written);
        logSome(hashed);
        String text = out.toString();
        assertEquals("P 1 0 MARK BTCUSDT 10800000000000 -1\n"
                + "P 2 1000000000 MARK ETHUSDT -9223372036854775808 9223372036854775807\n"
                + "P 3 7 MARK BTCUSDT 0 -1234567890123\n"
                + "N 5 maker withdraws after a loss: appetite 0.350\n", text);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, written.sha256());
        assertEquals(expected, hashed.sha256());
        assertEquals(4, hashed.events());
    }
}
