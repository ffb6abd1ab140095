package dev.denorm.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.sink.engine.EngineIndexManager;
import dev.denorm.testing.EmbeddedOpenSearch;
import dev.denorm.testing.SearchEngineUnderTest;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** The sink against OpenSearch 3.8, in-process: the embedded default. */
class OpenSearchSinkIT extends SinkContract {

  @Override
  protected SearchEngineUnderTest startEngine() {
    return EmbeddedOpenSearch.start(ENGINE_SETTINGS);
  }

  /** The embedded node loads mapper-extras from the classpath: decimals are exact scaled_floats there too. */
  @Test
  void shouldFindTheMapperExtrasModuleOfTheEmbeddedNode() throws Exception {
    try (var client = RestClient.builder(HttpHost.create(engine.url())).build()) {
      assertThat(new EngineIndexManager(client, 1, 0).hasScaledFloat()).isTrue();
    }
  }
}
