package aftershock.sim.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioReaderTest {

    private static String error(String yaml, String... sets) {
        return assertThrows(ScenarioException.class, () -> ScenarioReader.parse("s.yaml", yaml, List.of(sets))).getMessage();
    }

    @Test
    void everyPresetLoads() throws Exception {
        for (String p : List.of("nov-3-2025", "calm")) {
            Scenario s = ScenarioReader.load(p, List.of());
            assertEquals(p, s.name());
            assertEquals(2, s.assets().size());
        }
    }

    @Test
    void aMisspeltKeyIsAnErrorWithFileLineAndField() {
        String m = error("name: x\nassets:\n  BTC:\n    price: 100000\n    dailyVolPctt: 2\n");
        assertTrue(m.startsWith("s.yaml:5: field 'assets.BTC.dailyVolPctt': unknown field"), m);
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheValue() {
        String m = error("assets:\n  BTC:\n    price: lots\n");
        assertTrue(m.contains("s.yaml:3: field 'assets.BTC.price': expected a number, got 'lots'"), m);
    }

    @Test
    void anEnumErrorListsTheChoices() {
        String m = error("policies:\n  adl: fairest\nassets:\n  BTC:\n    price: 1\n");
        assertTrue(m.contains("s.yaml:2") && m.contains("binance") && m.contains("pro-rata") && m.contains("'fairest'"), m);
    }

    @Test
    void setOverridesAValueAndAnUnknownSetKeyIsRefused() throws Exception {
        Scenario s = ScenarioReader.parse("s.yaml", "assets:\n  BTC:\n    price: 100000\n", List.of("assets.BTC.price=90000"));
        assertEquals(90000, s.asset("BTC").price());
        String m = error("assets:\n  BTC:\n    price: 100000\n", "assets.BTC.prise=1");
        assertTrue(m.contains("--set assets.BTC.prise") && m.contains("unknown field"), m);
        String bad = error("assets:\n  BTC:\n    price: 100000\n", "novalue");
        assertTrue(bad.contains("expected key=value"), bad);
    }

    @Test
    void setReplacesAListAndRefusesAnEmptyItem() throws Exception {
        String yaml = "assets:\n  BTC:\n    price: 100000\n    crowd:\n      leverageWeights: [1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
        Scenario s = ScenarioReader.parse("s.yaml", yaml, List.of(
                "assets.BTC.crowd.leverageWeights=[9, 8, 7, 6, 5, 4, 3, 2, 1]",
                "assets.BTC.crowd.runLeverageWeights=[0,0,0,0,0,0,0,0,1]"));
        assertEquals(9, s.asset("BTC").crowd().leverageWeights()[0]);
        assertEquals(1, s.asset("BTC").crowd().leverageWeights()[8]);
        assertEquals(1, s.asset("BTC").crowd().runLeverageWeights()[8]);
        assertEquals(0, s.asset("BTC").crowd().runLeverageWeights()[0]);
        // Without a run mix the run uses the holders' mix.
        Scenario d = ScenarioReader.parse("s.yaml", yaml, List.of());
        assertEquals(1, d.asset("BTC").crowd().runLeverageWeights()[3]);
        String empty = error(yaml, "assets.BTC.crowd.leverageWeights=[1,,2]");
        assertTrue(empty.contains("--set assets.BTC.crowd.leverageWeights") && empty.contains("item 2"), empty);
        String wrongLength = error(yaml, "assets.BTC.crowd.runLeverageWeights=[1,2]");
        assertTrue(wrongLength.contains("runLeverageWeights") && wrongLength.contains("one weight per leverage"), wrongLength);
    }

    @Test
    void collateralIsValidatedWhereItIsNamed() throws Exception {
        String base = "assets:\n  BTC:\n    price: 1\n    crowd:\n      collateralAsset: USDE\n      collateralShare: 0.1\n";
        String unknown = error(base);
        assertTrue(unknown.contains("s.yaml:5") && unknown.contains("unknown collateral asset 'USDE'"), unknown);
        String declared = base + "collateral:\n  - name: USDE\n    pricing: redemption\n";
        Scenario s = ScenarioReader.parse("s.yaml", declared, List.of());
        assertEquals("USDE", s.collateral().get(0).name());
        assertEquals(aftershock.engine.margin.CollateralPricing.REDEMPTION, s.collateral().get(0).pricing());
        String noTarget = error(declared + "shocks:\n  - type: depeg\n    notionalUsd: 1e6\n");
        assertTrue(noTarget.contains("s.yaml:11") && noTarget.contains("needs 'collateral:'"), noTarget);
        String badPricing = error(declared.replace("redemption", "vibes"));
        assertTrue(badPricing.contains("s.yaml:9") && badPricing.contains("spot-book"), badPricing);
        String twice = error(declared + "  - name: USDE\n");
        assertTrue(twice.contains("declared twice"), twice);
    }

    @Test
    void aShockOnAnUnknownAssetIsRefused() {
        String m = error("assets:\n  BTC:\n    price: 1\nshocks:\n  - type: news\n    asset: DOGE\n");
        assertTrue(m.contains("s.yaml:6") && m.contains("unknown asset 'DOGE'"), m);
    }

    @Test
    void aMissingFileSaysSoAndListsThePresets() {
        String m = assertThrows(ScenarioException.class, () -> ScenarioReader.load("/nope/x.yaml", List.of())).getMessage();
        assertTrue(m.contains("no such file") && m.contains("nov-3-2025"), m);
    }
}
