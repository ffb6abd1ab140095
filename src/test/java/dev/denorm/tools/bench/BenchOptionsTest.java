package dev.denorm.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  private static BenchOptions parse(Map<String, String> options, List<String> appJvm) {
    return BenchOptions.from(name -> Optional.ofNullable(options.get(name)), List.of(), appJvm);
  }

  @Test
  void backfillOnlyAndJvmOptionsReachTheOptions() {
    var options = parse(Map.of("scale", "0.5", "backfill-only", "true"), List.of("-XX:TieredStopAtLevel=1"));
    assertTrue(options.backfillOnly());
    assertEquals(List.of("-XX:TieredStopAtLevel=1"), options.appJvm());
    assertEquals(0.5, options.scale());
  }

  @Test
  void withoutThemTheFullRunWithTheDefaultJvm() {
    var options = parse(Map.of(), List.of());
    assertFalse(options.backfillOnly());
    assertEquals(List.of(), options.appJvm());
  }

  @Test
  void aJvmOptionThatIsNoOptionIsRefusedByName() {
    var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), List.of("TieredStopAtLevel=1")));
    assertTrue(e.getMessage().contains("--app-jvm") && e.getMessage().contains("TieredStopAtLevel=1"), e.getMessage());
  }

  @Test
  void connectorSettingsReachTheStackAsKeysAndValuesWhoseValuesMayHoldCommasAndEquals() {
    var options = BenchOptions.from(name -> Optional.empty(), List.of(), List.of(),
        List.of("table.include.list=shop.customers,shop.products", "snapshot.select.statement.overrides.shop.x=a=b"));
    assertEquals(Map.of("table.include.list", "shop.customers,shop.products", "snapshot.select.statement.overrides.shop.x",
        "a=b"), options.connectorSettings());
  }

  @Test
  void aConnectorSettingWithoutValueIsRefusedByName() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.from(name -> Optional.empty(), List.of(), List.of(), List.of("table.include.list")));
    assertTrue(e.getMessage().contains("--connector-set"), e.getMessage());
  }
}
