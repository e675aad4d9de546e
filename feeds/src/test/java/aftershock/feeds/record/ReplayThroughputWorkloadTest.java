package aftershock.feeds.record;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark measures real work: its synthetic workload is valid and deterministic (no timing asserted). */
class ReplayThroughputWorkloadTest {

    @Test
    void theSyntheticWorkloadIsValidNativeMessagesOfEverySource() throws IOException {
        String recording = ReplayThroughput.generate(20_000, 7);
        assertEquals(recording, ReplayThroughput.generate(20_000, 7), "same seed, same workload");
        FeedHealth health = new FeedHealth();
        ReplayReport report = new Replayer(SourceParsers.all(health), e -> { })
                .replay("synthetic", new BufferedReader(new StringReader(recording)));
        assertEquals(20_000, report.messages());
        assertEquals(0, report.badLines());
        for (FeedSource source : FeedSource.values()) {
            assertEquals(0, health.issueTotal(source), source + ": " + health.summary());
            assertTrue(health.events(source) > 0, source + " is part of the workload");
        }
        assertTrue(report.events() >= report.messages(), "every message is used: " + report);
    }
}
