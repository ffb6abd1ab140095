package dev.denorm.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

class ConnectorWatchTest {

  @Test
  void shouldShowOnlyTheExceptionClassOfAFailedTasksTrace() {
    var trace = JsonNodeFactory.instance.textNode("org.apache.kafka.connect.errors.ConnectException: cannot connect"
        + " with database.password=s3cret\n\tat io.debezium.Something(Something.java:1)");
    assertThat(ConnectorWatch.exceptionOf(trace))
        .isEqualTo(": org.apache.kafka.connect.errors.ConnectException (see the trace in its status)");
    assertThat(ConnectorWatch.exceptionOf(MissingNode.getInstance())).isEmpty();
  }
}
