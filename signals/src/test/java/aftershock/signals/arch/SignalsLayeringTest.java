package aftershock.signals.arch;

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
 * The signals are pure: the engine's API only (exact decimals), no clock, no unseeded randomness, no floating-point
 * state, no I/O except the gate reading its rule file from a reader; packages without cycles.
 */
class SignalsLayeringTest {
    private static final JavaClasses SIGNALS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("aftershock.signals");

    @Test
    void signalsUseOnlyTheEnginesApi() {
        noClasses().should().dependOnClassesThat(resideInAPackage("aftershock.engine..")
                        .and(not(resideInAPackage("aftershock.engine.api"))))
                .check(SIGNALS);
    }

    @Test
    void noClockNoThreadsNoUnseededRandomness() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .check(SIGNALS);
    }

    @Test
    void noFloatingPointFieldsHoldValues() {
        noFields().should().haveRawType(double.class).orShould().haveRawType(float.class)
                .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
                .check(SIGNALS);
    }

    @Test
    void onlyTheGateReadsAndOnlyItsRuleFile() {
        noClasses().that().resideOutsideOfPackage("aftershock.signals.gate")
                .should().dependOnClassesThat().resideInAnyPackage("java.io", "java.nio.file", "java.net")
                .check(SIGNALS);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file", "java.net")
                .check(SIGNALS);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("aftershock.signals.(*)..").should().beFreeOfCycles().check(SIGNALS);
    }
}
