package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the connector's committed position is read from Kafka Connect's offsets answer. */
class CapturePositionTest {

  // the answers below are those of Kafka Connect 4.4 with Debezium 3.7 (CapturePositionIT logs them)

  @Test
  void shouldReadTheCommittedLsnOfTheConnectorsOffsets() throws IOException {
    String afterCommit = """
        {"offsets":[{"partition":{"server":"pg"},"offset":{"lsn_proc":22249392,"messageType":"COMMIT",
        "lsn_commit":22249392,"lsn":22249392,"txId":742,"ts_usec":1796607978866942}}]}""";
    assertThat(ConnectOffsets.committedLsn(afterCommit)).isEqualTo(OptionalLong.of(22249392));
    String afterNudge = """
        {"offsets":[{"partition":{"server":"pg"},"offset":{"lsn_proc":22249864,"messageType":"MESSAGE",
        "lsn_commit":22249864,"lsn":22249864,"ts_usec":1796607931897025}}]}""";
    assertThat(ConnectOffsets.committedLsn(afterNudge)).isEqualTo(OptionalLong.of(22249864));
  }

  @Test
  void shouldHaveNoCommittedLsnWhileTheOffsetIsTheInitialSnapshots() throws IOException {
    // lsn is where the WAL stood when the snapshot began: no commit position
    String lastSnapshotRecord = """
        {"offsets":[{"partition":{"server":"pg"},"offset":{"last_snapshot_record":true,"lsn":22249184,"txId":741,
        "ts_usec":1796607978061366,"snapshot":"INITIAL","snapshot_completed":true}}]}""";
    assertThat(ConnectOffsets.committedLsn(lastSnapshotRecord)).isEmpty();
    String snapshotDone = """
        {"offsets":[{"partition":{"server":"pg"},"offset":{"lsn":22249184,"txId":741,"ts_usec":1796607929894550}}]}""";
    assertThat(ConnectOffsets.committedLsn(snapshotDone)).isEmpty();
  }

  @Test
  void shouldHaveNoCommittedLsnWhileStreamingIsInsideItsFirstTransaction() throws IOException {
    // lsn is that of the UPDATE, inside a transaction whose other records may not be sent yet
    String answer = """
        {"offsets":[{"partition":{"server":"pg"},"offset":{"lsn_proc":22249224,"lsn_events_processed":1,
        "messageType":"UPDATE","lsn":22249224,"txId":742,"ts_usec":1796607978866942}}]}""";
    assertThat(ConnectOffsets.committedLsn(answer)).isEmpty();
  }

  @Test
  void shouldHaveNoCommittedLsnBeforeTheConnectorCommittedAnyOffset() throws IOException {
    assertThat(ConnectOffsets.committedLsn("{\"offsets\":[]}")).isEmpty();
    assertThat(ConnectOffsets.committedLsn("{\"offsets\":[{\"partition\":{\"server\":\"pg\"},\"offset\":null}]}"))
        .isEmpty();
  }

  @Test
  void shouldTakeTheLowestCommittedLsnOfSeveralPartitions() throws IOException {
    String answer = """
        {"offsets":[{"partition":{"server":"a"},"offset":{"lsn_commit":300}},
        {"partition":{"server":"b"},"offset":{"lsn_commit":200}}]}""";
    assertThat(ConnectOffsets.committedLsn(answer)).isEqualTo(OptionalLong.of(200));
  }

  @Test
  void shouldRefuseAnAnswerThatIsNoOffsetsList() {
    assertThatThrownBy(() -> ConnectOffsets.committedLsn("{\"error_code\":500}")).isInstanceOf(IOException.class)
        .hasMessageContaining("\"offsets\"");
    assertThatThrownBy(() -> ConnectOffsets.committedLsn("<html>")).isInstanceOf(IOException.class)
        .hasMessageContaining("unreadable");
  }
}
