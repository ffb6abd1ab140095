package dev.denorm.sink;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Test-only sub-topology whose processor throws on any record: the stream thread dies, its tasks
 * are closed dirty and no offsets are committed, as in a crash of the process.
 */
final class Crasher {

  private Crasher() {}

  static void addTo(StreamsBuilder builder, String topic) {
    builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("crash-source"))
        .process(() -> new Processor<String, byte[], Void, Void>() {
          @Override
          public void process(Record<String, byte[]> record) {
            throw new IllegalStateException("simulated crash");
          }
        }, Named.as("crash"));
  }
}
