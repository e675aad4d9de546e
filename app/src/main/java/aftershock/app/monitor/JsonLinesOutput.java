package aftershock.app.monitor;

import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.GateChange;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code monitor --json}: one JSON object per update, exactly {@link SignalsSnapshot#toJsonMap()} (docs/SIGNALS.md),
 * numbers written plain (never {@code 1E-8}). Gate changes are in the objects' {@code gate} and need no line of their
 * own, so the output stays pure JSON Lines.
 */
public final class JsonLinesOutput implements MonitorOutput {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final PrintWriter out;

    public JsonLinesOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void gateChange(GateChange change) {
        // Carried by the next update's "gate" object.
    }

    @Override
    public void update(SignalsSnapshot snapshot) {
        try {
            out.println(JSON.writeValueAsString(snapshot.toJsonMap()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
