package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampTest {

  @Test
  void shouldReadWhatDebeziumWritesForTimestamptzAsTheFullParserDoes() {
    var random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      // Debezium's ZonedTimestamp: ISO_OFFSET_DATE_TIME in UTC, as few fraction digits as needed (0-9)
      long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001-9999
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC));
      assertThat(UtcTimestamp.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }
  }

  @Test
  void shouldReadEveryFractionLength() {
    assertThat(UtcTimestamp.parse("2026-12-02T17:30:05Z")).isEqualTo(Instant.parse("2026-12-02T17:30:05Z"));
    assertThat(UtcTimestamp.parse("2026-12-02T17:30:05.1Z")).isEqualTo(Instant.parse("2026-12-02T17:30:05.100Z"));
    assertThat(UtcTimestamp.parse("2026-12-02T17:30:05.123456789Z")).isEqualTo(Instant.parse("2026-12-02T17:30:05.123456789Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-02T17:30:05+01:00", "2026-12-02T17:30:05.123+00:00", "+12026-12-02T17:30:05Z",
      "2026-13-02T17:30:05Z", "2026-02-30T17:30:05Z", "2026-12-02T24:00:00Z", "2026-12-02T17:60:05Z",
      "2026-12-02T17:30:60Z", "2026-12-02T17:30:05.Z", "2026-12-02T17:30:05.1234567890Z", "2026-12-02 17:30:05Z",
      "2026-1a-02T17:30:05Z", "2026-12-02T17:30:05", "2026-12-02T17:30Z", "Z", ""})
  void shouldLeaveEveryOtherShapeToTheFullParser(String text) {
    assertThat(UtcTimestamp.parse(text)).as(text).isNull();
  }
}
