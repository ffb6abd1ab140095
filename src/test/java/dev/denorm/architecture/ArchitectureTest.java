package dev.denorm.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the code, checked on the compiled classes (src/main only):
 * <pre>
 *   testkit, app          on top: the command line and the test kit for indexes of your own
 *   tools                 beside the runtime: the embedded stack, the demo, the bench; the command line
 *                         finds them at run time through its service interfaces (app.spi), and they
 *                         know of it nothing but those
 *   runtime               config (the bottom), cdc, serde, index, assembly, state, sink, deadletter,
 *                         capture, status, verify, reconcile, connect, position, client, and the
 *                         generated document and row classes
 * </pre>
 */
class ArchitectureTest {

  static final String[] RUNTIME = {"dev.denorm.config..", "dev.denorm.cdc..", "dev.denorm.serde..",
      "dev.denorm.index..", "dev.denorm.assembly..", "dev.denorm.state..", "dev.denorm.sink..",
      "dev.denorm.deadletter..", "dev.denorm.capture..", "dev.denorm.status..", "dev.denorm.verify..",
      "dev.denorm.connect..", "dev.denorm.document..", "dev.denorm.row..", "dev.denorm.position..", "dev.denorm.client..",
      "dev.denorm.reconcile.."};

  /** The command line's service interfaces: the one package of it the tools may use. */
  static final String SPI = "dev.denorm.app.spi";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.denorm");
  }

  @Test
  void shouldKeepTheRuntimeFreeOfTheCommandLineTheToolsAndTheTestKit() {
    noClasses().that().resideInAnyPackage(RUNTIME)
        .should().dependOnClassesThat().resideInAnyPackage("dev.denorm.app..", "dev.denorm.tools..",
            "dev.denorm.testkit..", "dev.denorm.launch..")
        .because("the runtime is what a user deploys and depends on; the command line sits on top of it and the"
            + " embedded stack, demo and bench are tools beside it")
        .check(classes);
  }

  @Test
  void shouldKeepTheToolsFreeOfTheCommandLineAndTheTestKit() {
    noClasses().that().resideInAPackage("dev.denorm.tools..")
        .should().dependOnClassesThat(resideInAnyPackage("dev.denorm.app..", "dev.denorm.testkit..")
            .and(not(resideInAPackage(SPI))))
        .because("the command line starts the tools, not the other way round (the bench runs the app as a process);"
            + " the tools implement the command line's service interfaces (" + SPI + ") and know nothing else of it")
        .check(classes);
  }

  @Test
  void shouldKeepTheCommandLineFreeOfTheTools() {
    noClasses().that().resideInAPackage("dev.denorm.app..")
        .should().dependOnClassesThat().resideInAPackage("dev.denorm.tools..")
        .because("the lean production jar (classifier app) holds no tools: the command line finds the embedded stack"
            + " and the tool commands at run time through " + SPI + " (java.util.ServiceLoader)")
        .check(classes);
  }

  @Test
  void shouldKeepTheServiceInterfacesOnTheConfigurationOnly() {
    noClasses().that().resideInAPackage(SPI)
        .should().dependOnClassesThat(resideInAPackage("dev.denorm..")
            .and(not(resideInAnyPackage(SPI, "dev.denorm.config.."))))
        .because("what a tool may know of the command line is these interfaces and the configuration they pass")
        .check(classes);
  }

  @Test
  void shouldKeepConfigAtTheBottom() {
    noClasses().that().resideInAPackage("dev.denorm.config..")
        .should().dependOnClassesThat(resideInAPackage("dev.denorm..").and(not(resideInAPackage("dev.denorm.config.."))))
        .because("every part reads its settings from config; config knows none of them")
        .check(classes);
  }

  @Test
  void shouldHaveNoCyclesBetweenPackages() {
    slices().matching("dev.denorm.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void shouldKeepTheSearchEngineWriterFreeOfKafkaStreams() {
    noClasses().that().resideInAnyPackage("dev.denorm.sink.bulk..", "dev.denorm.sink.convert..",
            "dev.denorm.sink.engine..", "dev.denorm.sink.reindex..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.kafka.streams..")
        .because("SinkProcessor is the one class that touches both Kafka Streams and the search engine")
        .check(classes);
  }

  @Test
  void shouldUseNoInternalApiOfKafkaStreams() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.kafka.streams..internals..")
        .because("internal interfaces change without notice and pin the Kafka Streams version")
        .check(classes);
  }
}
