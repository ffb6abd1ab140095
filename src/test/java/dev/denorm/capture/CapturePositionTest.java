package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.KafkaClients;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the connector's committed position is read from the records of Kafka Connect's offsets topic. */
class CapturePositionTest {

  // the offsets below are those Kafka Connect 4.4 with Debezium 3.7 commit (CapturePositionIT reads them)
  private static final String KEY = "[\"denorm-shop\",{\"server\":\"pg\"}]";
  private final ConnectOffsetsTopic offsets = new ConnectOffsetsTopic(
      KafkaClients.of(Map.of("bootstrap.servers", "127.0.0.1:1", "application.id", "test")), "_connect-offsets",
      "denorm-shop");

  @AfterEach
  void close() {
    offsets.close();
  }

  @Test
  void shouldReadTheCommittedLsnOfTheConnectorsOffsets() throws IOException {
    offsets.read(KEY, """
        {"lsn_proc":22249392,"messageType":"COMMIT","lsn_commit":22249392,"lsn":22249392,"txId":742,
        "ts_usec":1796607978866942}""");
    assertThat(offsets.lowest()).isEqualTo(OptionalLong.of(22249392));

    offsets.read(KEY, """
        {"lsn_proc":22249864,"messageType":"MESSAGE","lsn_commit":22249864,"lsn":22249864,"ts_usec":1796607931897025}""");
    assertThat(offsets.lowest()).as("after a nudge").isEqualTo(OptionalLong.of(22249864));
  }

  @Test
  void shouldHaveNoCommittedLsnWhileTheOffsetIsTheInitialSnapshots() throws IOException {
    // lsn is where the WAL stood when the snapshot began: no commit position
    offsets.read(KEY, """
        {"last_snapshot_record":true,"lsn":22249184,"txId":741,"ts_usec":1796607978061366,"snapshot":"INITIAL",
        "snapshot_completed":true}""");
    assertThat(offsets.lowest()).isEmpty();
  }

  @Test
  void shouldHaveNoCommittedLsnWhileStreamingIsInsideItsFirstTransaction() throws IOException {
    // lsn is that of the UPDATE, inside a transaction whose other records may not be sent yet
    offsets.read(KEY, """
        {"lsn_proc":22249224,"lsn_events_processed":1,"messageType":"UPDATE","lsn":22249224,"txId":742}""");
    assertThat(offsets.lowest()).isEmpty();
  }

  @Test
  void shouldHaveNoCommittedLsnBeforeTheConnectorCommittedAnyOffsetOrAfterItsOffsetsWereReset() throws IOException {
    assertThat(offsets.lowest()).isEmpty();
    offsets.read(KEY, "{\"lsn_commit\":300}");
    offsets.read(KEY, null);
    assertThat(offsets.lowest()).isEmpty();
  }

  @Test
  void shouldTakeTheLowestCommittedLsnOfSeveralPartitionsAndIgnoreOtherConnectors() throws IOException {
    offsets.read("[\"denorm-shop\",{\"server\":\"a\"}]", "{\"lsn_commit\":300}");
    offsets.read("[\"denorm-shop\",{\"server\":\"b\"}]", "{\"lsn_commit\":200}");
    offsets.read("[\"another\",{\"server\":\"a\"}]", "{\"lsn_commit\":100}");
    offsets.read(null, "{}");
    assertThat(offsets.lowest()).isEqualTo(OptionalLong.of(200));
  }
}
