package aftershock.feeds.wire;

/**
 * The bounds a parser keeps its state within, so that no stream of messages can make it grow without limit.
 *
 * @param depthLevels    levels per side in each published {@code BookDepth} event (0: publish only the top)
 * @param depthBufferMax diffs buffered per symbol while a depth snapshot is awaited
 * @param bookLevelsMax  levels per side of a local book beyond which it is discarded and resynced
 * @param symbolsMax     symbols a parser keeps state for (books, ticker merges, sequence numbers)
 * @param levelsPerMessageMax levels per side accepted in one message
 */
public record ParserLimits(int depthLevels, int depthBufferMax, int bookLevelsMax, int symbolsMax,
                           int levelsPerMessageMax) {
    public static final ParserLimits DEFAULT = new ParserLimits(20, 2_000, 50_000, 2_000, 10_000);

    public ParserLimits {
        if (depthLevels < 0 || depthBufferMax <= 0 || bookLevelsMax <= 0 || symbolsMax <= 0
                || levelsPerMessageMax <= 0) {
            throw new IllegalArgumentException("parser limits must be positive (depthLevels may be 0): " + this);
        }
    }
}
