package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResnapshotCommandTest {

  private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void shouldSignalAnIncrementalSnapshotOfTheTableLimitedByTheCondition() {
    var command = new ResnapshotCommand(AppConfig.from(Map.of()), out, Optional.of("order_lines"),
        Optional.of(" order_id < 100 "));
    assertThat(command.signal("shop.order_lines").toString()).isEqualTo("{\"data-collections\":[\"shop.order_lines\"],"
        + "\"type\":\"incremental\",\"additional-conditions\":[{\"data-collection\":\"shop.order_lines\","
        + "\"filter\":\"order_id < 100\"}]}");
    var whole = new ResnapshotCommand(AppConfig.from(Map.of()), out, Optional.of("orders"), Optional.empty());
    assertThat(whole.signal("shop.orders").toString())
        .isEqualTo("{\"data-collections\":[\"shop.orders\"],\"type\":\"incremental\"}");
  }

  @Test
  void shouldAlsoReadTheRowsTheDeletePassFoundInsertedAgainOrTheWholeTableWhenTheyDoNotFitTheSignal() {
    var command = new ResnapshotCommand(AppConfig.from(Map.of()), out, Optional.of("products"), Optional.of("id <= 2"));
    assertThat(command.signal("shop.products", Optional.of("\"id\" IN ('7'::bigint)")).at("/additional-conditions/0/filter")
        .asText()).isEqualTo("(id <= 2) OR \"id\" IN ('7'::bigint)");

    String many = "\"id\" IN (" + "'7'::bigint, ".repeat(200) + "'8'::bigint)";
    var whole = command.signal("shop.products", Optional.of(many));
    assertThat(whole.has("additional-conditions")).as("every row read: the condition does not fit").isFalse();
    assertThat(whole.toString().length()).isLessThanOrEqualTo(ResnapshotCommand.SIGNAL_DATA_MAX);

    var all = new ResnapshotCommand(AppConfig.from(Map.of()), out, Optional.of("products"), Optional.empty());
    assertThat(all.signal("shop.products", Optional.of(many)).has("additional-conditions"))
        .as("without a condition every row is read anyway").isFalse();
  }

  @Test
  void shouldRefuseATableNoIndexReadsBeforeTouchingAnything() {
    var err = new ByteArrayOutputStream();
    int exit = Main.run(out, new PrintStream(err, true, StandardCharsets.UTF_8), "--set",
        "denorm.stack.postgres.url=jdbc:postgresql://127.0.0.1:1/none", "resnapshot", "invoices");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no index reads a table 'invoices'",
        "[addresses, customers, order_lines, orders, products]");
  }

  @Test
  void shouldAskForTheTable() {
    var err = new ByteArrayOutputStream();
    assertThat(Main.run(out, new PrintStream(err, true, StandardCharsets.UTF_8), "resnapshot")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("resnapshot needs the table to read again");
  }

  @Test
  void shouldTakeOneTableAndTheConditionFromTheCommandLine() {
    var line = CommandLine.parse("resnapshot", "products", "--where", "id <= 2");
    assertThat(line.option("table")).contains("products");
    assertThat(line.option("where")).contains("id <= 2");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CommandLine.parse("resnapshot", "a", "b")))
        .hasMessageContaining("unknown argument: b");
  }

  @Test
  void shouldSeeWhetherTheConnectorCapturesTheTableByNameOrPatternOrEveryTableWithoutAList() {
    assertThat(ResnapshotCommand.captures("shop.customers, shop.products", "shop.products")).isTrue();
    assertThat(ResnapshotCommand.captures("shop.customers,shop.orders", "shop.products")).isFalse();
    assertThat(ResnapshotCommand.captures("shop\\.prod.*", "shop.products")).isTrue();
    assertThat(ResnapshotCommand.captures("", "shop.products")).as("no list: every table").isTrue();
    assertThat(ResnapshotCommand.captures("shop.(", "shop.products")).as("not a pattern").isFalse();
  }
}
