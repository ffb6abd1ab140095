package dev.denorm.sink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.sink.convert.DeleteAction;
import dev.denorm.sink.convert.IndexAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkBodyTest {

  @Test
  void shouldWriteExternallyVersionedNdjsonWithPipelineOnlyForIndexActions() {
    var body = BulkBody.of(List.of(
        new IndexAction("orders", "7", 42, "{\"id\":7}".getBytes(StandardCharsets.UTF_8), "enrich"),
        new DeleteAction("orders", "8", 43)));

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("""
        {"index":{"_index":"orders","_id":"7","version":42,"version_type":"external","pipeline":"enrich"}}
        {"id":7}
        {"delete":{"_index":"orders","_id":"8","version":43,"version_type":"external"}}
        """);
  }
}
