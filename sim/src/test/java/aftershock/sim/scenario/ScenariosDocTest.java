package aftershock.sim.scenario;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/SCENARIOS.md documents every key the reader takes: read every preset and look each key up in the page. */
class ScenariosDocTest {

    @Test
    void everyKeyTheReaderTakesIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "SCENARIOS.md"));
        TreeSet<String> missing = new TreeSet<>();
        for (String preset : List.of("nov-3-2025", "calm", "oct-10-2025")) {
            Params p = ScenarioReader.paramsOf(preset);
            for (String key : p.usedKeys()) {
                String leaf = key.replaceAll("\\[\\d+\\]", "[i]");
                String last = leaf.substring(leaf.lastIndexOf('.') + 1);
                if (!leaf.endsWith(".size") && !doc.contains("`" + last + "`") && !doc.contains("`" + leaf + "`")
                        && !doc.contains("." + last + "`") && !doc.contains("`" + last.replace("[i]", "") + "[i]`")) {
                    missing.add(leaf);
                }
            }
        }
        assertEquals(new TreeSet<String>(), missing, "keys read but not in docs/SCENARIOS.md");
    }
}
