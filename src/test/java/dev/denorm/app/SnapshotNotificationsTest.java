package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotNotificationsTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void shouldTellTheEndOfItsOwnSnapshotAndPrintEachTableScanOnTheWay() {
    String scan = """
        {"id":"s1","aggregate_type":"Incremental Snapshot","type":"TABLE_SCAN_COMPLETED",
         "additional_data":{"connector_name":"pg","data_collections":"shop.products","scanned_collection":"shop.products",
         "total_rows_scanned":"30",
         "status":"SUCCEEDED"},"timestamp":"1"}""";
    assertThat(SnapshotNotifications.ending(scan, "s1", out)).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Read shop.products again: 30 rows (SUCCEEDED)");

    String completed = "{\"schema\":{},\"payload\":{\"id\":\"s1\",\"aggregate_type\":\"Incremental Snapshot\","
        + "\"type\":\"COMPLETED\",\"additional_data\":{}}}";
    assertThat(SnapshotNotifications.ending(completed, "s1", out)).isEqualTo(Optional.of("COMPLETED"));
  }

  @Test
  void shouldIgnoreOtherSnapshotsInitialSnapshotsAndWhatIsNoNotification() {
    String other = "{\"id\":\"s2\",\"aggregate_type\":\"Incremental Snapshot\",\"type\":\"COMPLETED\"}";
    String initial = "{\"id\":\"s1\",\"aggregate_type\":\"Initial Snapshot\",\"type\":\"COMPLETED\"}";
    assertThat(SnapshotNotifications.ending(other, "s1", out)).isEmpty();
    assertThat(SnapshotNotifications.ending(initial, "s1", out)).isEmpty();
    assertThat(SnapshotNotifications.ending("not json", "s1", out)).isEmpty();
    assertThat(SnapshotNotifications.ending(null, "s1", out)).isEmpty();
  }

  @Test
  void shouldTellAnAbortedSnapshot() {
    String aborted = "{\"id\":\"s1\",\"aggregate_type\":\"Incremental Snapshot\",\"type\":\"ABORTED\"}";
    assertThat(SnapshotNotifications.ending(aborted, "s1", out)).isEqualTo(Optional.of("ABORTED"));
  }
}
