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
    return parse(options, List.of(), appJvm);
  }

  private static BenchOptions parse(Map<String, String> options, List<String> appSets, List<String> appJvm) {
    return BenchOptions.from(name -> Optional.ofNullable(options.get(name)), appSets, appJvm);
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

  @Test
  void shouldRunOneInstanceWhenInstancesIsNotGiven() {
    assertEquals(1, parse(Map.of(), List.of()).instances());
  }

  @Test
  void shouldRunTheInstancesGivenWithTheirSettings() {
    var options = parse(Map.of("instances", "2"), List.of("denorm.partitions=6"), List.of());
    assertEquals(2, options.instances());
    assertEquals(List.of("denorm.partitions=6"), options.appSets());
  }

  @Test
  void shouldRefuseInstancesOutsideOneToEightByName() {
    for (String instances : List.of("0", "9", "two")) {
      var e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("instances", instances), List.of()));
      assertTrue(e.getMessage().contains("--instances") && e.getMessage().contains(instances), e.getMessage());
    }
  }

  @Test
  void shouldRefuseAStateDirOrFixedPortSharedByInstancesWhenThereAreSeveral() {
    for (String set : List.of("state.dir=/tmp/x", "denorm.http.port=9464")) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> parse(Map.of("instances", "2"), List.of(set), List.of()));
      assertTrue(e.getMessage().contains(set), e.getMessage());
      assertEquals(1, parse(Map.of(), List.of(set), List.of()).instances(), "one instance may have them");
    }
    assertEquals(2, parse(Map.of("instances", "2"), List.of("denorm.http.port=0"), List.of()).instances());
  }
}
