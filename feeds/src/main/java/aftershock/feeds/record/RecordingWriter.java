package aftershock.feeds.record;

import aftershock.feeds.FeedSource;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes raw native messages in the {@link RecordingFormat}, one line each, UTF-8, gzip-compressed when the file name
 * ends in {@code .gz}. Thread-safe: connectors of several venues may share one recording.
 */
public final class RecordingWriter implements Closeable, Flushable {
    private final Writer out;

    public RecordingWriter(Writer out) {
        this.out = out;
    }

    /** Creates (or truncates) the file; gzip if its name ends in {@code .gz}. */
    public static RecordingWriter create(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 64 * 1024);
        }
        return new RecordingWriter(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8),
                64 * 1024));
    }

    /** A message received on a WebSocket. */
    public synchronized void write(long receiveTsMs, FeedSource source, String raw) throws IOException {
        out.write(RecordingFormat.line(receiveTsMs, source, null, raw));
        out.write('\n');
    }

    /** A REST response, with its request (path and query). */
    public synchronized void writeResponse(long receiveTsMs, FeedSource source, String request, String raw)
            throws IOException {
        out.write(RecordingFormat.line(receiveTsMs, source, request, raw));
        out.write('\n');
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
