package dev.denorm.sink;

import dev.denorm.testing.EmbeddedOpenSearch;
import dev.denorm.testing.SearchEngineUnderTest;

/** The sink against OpenSearch 3.8, in-process: the embedded default. */
class OpenSearchSinkIT extends SinkContract {

  @Override
  protected SearchEngineUnderTest startEngine() {
    return EmbeddedOpenSearch.start();
  }
}
