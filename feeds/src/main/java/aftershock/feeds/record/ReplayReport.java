package aftershock.feeds.record;

import java.util.List;

/**
 * What a replay did: lines read, messages handed to parsers, events out, bad lines (counted, and the first
 * {@link Replayer#BAD_LINES_KEPT} described as {@code file:line: reason}), and whether it was interrupted.
 */
public record ReplayReport(long lines, long messages, long events, long badLines, List<String> badLineDescriptions,
                           boolean interrupted) {
    public ReplayReport {
        badLineDescriptions = List.copyOf(badLineDescriptions);
    }
}
