package aftershock.feeds.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feeds use only the engine's API (for exact decimals); parsing is deterministic (no clock, no unseeded
 * randomness, no floating point); the packages have no cycles.
 */
class FeedsLayeringTest {
    private static final JavaClasses FEEDS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("aftershock.feeds");

    @Test
    void feedsUseOnlyTheEnginesApi() {
        noClasses().should().dependOnClassesThat(resideInAPackage("aftershock.engine..")
                        .and(not(resideInAPackage("aftershock.engine.api"))))
                .check(FEEDS);
    }

    @Test
    void parsingReadsNoClockAndUsesNoUnseededRandomness() {
        // The live connectors take their clock as an argument; LiveClock.SYSTEM is the one place that reads it.
        noClasses().that().resideOutsideOfPackage("aftershock.feeds.record")
                .and().doNotHaveFullyQualifiedName("aftershock.feeds.live.LiveClock")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .check(FEEDS);
    }

    @Test
    void noFloatingPointFieldsHoldValues() {
        noFields().should().haveRawType(double.class).orShould().haveRawType(float.class)
                .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
                .check(FEEDS);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("aftershock.feeds.(*)..").should().beFreeOfCycles().check(FEEDS);
    }
}
