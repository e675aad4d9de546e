package aftershock.engine.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine is pure: JDK only (lang, util, math), no I/O, no network, no clock, no threads, no unseeded
 * randomness. These rules fail the build if that ever changes.
 */
class EngineLayeringTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("aftershock.engine");

    @Test
    void engineDependsOnlyOnTheJdkCoreAndItself() {
        noClasses().should().dependOnClassesThat(describe("outside java.lang, java.util, java.math and the engine",
                        c -> !c.getPackageName().startsWith("aftershock.engine")
                                && !c.getPackageName().startsWith("java.lang")
                                && !c.getPackageName().startsWith("java.math")
                                && !(c.getPackageName().equals("java.util") || c.getPackageName().startsWith("java.util.function")
                                        || c.getPackageName().startsWith("java.util.stream"))
                                && !c.getName().equals("java.io.Serializable")
                                && !c.isPrimitive() && !c.isArray()))
                .check(ENGINE);
    }

    @Test
    void engineHasNoClockThreadsOrUnseededRandomness() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..", "java.time..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .check(ENGINE);
    }

    @Test
    void engineDoesNoIo() {
        noClasses().should().dependOnClassesThat(describe("in java.io (but the Serializable marker), java.nio or java.net",
                        c -> (c.getPackageName().startsWith("java.io") && !c.getName().equals("java.io.Serializable"))
                                || c.getPackageName().startsWith("java.nio") || c.getPackageName().startsWith("java.net")))
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(ENGINE);
    }
}
