package dev.denorm.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.HttpAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * The writer schemas of Avro change events, by the id in their Confluent wire-format header,
 * from a registry's Confluent-compatible REST API ({@code GET <url>/schemas/ids/<id>}: Confluent
 * Schema Registry, Apicurio's /apis/ccompat/v7, Karapace), cached for good: an id never changes
 * its schema; with basic auth and TLS as configured ({@code denorm.source.registry.*}).
 * {@code mock://<name>}: an in-memory registry of that name, for tests.
 */
public abstract class SchemaRegistry {

  private static final Map<String, InMemory> MOCKS = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> cache = new ConcurrentHashMap<>();

  /** The registry at this URL, without credentials; an empty URL is a configuration error, said at once. */
  public static SchemaRegistry at(String url) {
    return at(url, HttpAccess.none());
  }

  /** The registry at this URL, reached with {@code access}'s credentials and TLS settings. */
  public static SchemaRegistry at(String url, HttpAccess access) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("denorm.source.format=avro needs denorm.source.registry.url (the embedded"
          + " stack sets it to its own registry)");
    }
    if (url.startsWith("mock://")) {
      return mock(url.substring("mock://".length()));
    }
    return new Rest(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, access);
  }

  /** The in-memory registry of this name, made on first use. */
  public static InMemory mock(String name) {
    return MOCKS.computeIfAbsent(name, n -> new InMemory());
  }

  /** The writer schema of this id. */
  public Schema schema(int id) {
    return cache.computeIfAbsent(id, this::fetch);
  }

  protected abstract Schema fetch(int id);

  /** An in-memory registry: ids in registration order, the same id again for the same schema. */
  public static final class InMemory extends SchemaRegistry {
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);

    public int register(Schema schema) {
      return ids.computeIfAbsent(schema, s -> {
        int id = next.getAndIncrement();
        byId.put(id, s);
        return id;
      });
    }

    @Override
    protected Schema fetch(int id) {
      Schema schema = byId.get(id);
      if (schema == null) {
        throw new MalformedChangeException("schema id " + id + " is not in the registry");
      }
      return schema;
    }
  }

  private static final class Rest extends SchemaRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 10;
    private final String url;
    private final HttpAccess access;
    private final HttpClient http;

    Rest(String url, HttpAccess access) {
      this.url = url;
      this.access = access;
      this.http = access.clientBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    protected Schema fetch(int id) {
      var request = access.authorize(HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + id)))
          .timeout(Duration.ofSeconds(10)).GET().build();
      String problem = "";
      // the registry unreachable is no reason to set an event aside: retry, then stop (RegistryUnavailableException)
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          var response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return new Schema.Parser().parse(JSON.readTree(response.body()).path("schema").asText());
          }
          if (response.statusCode() == 404) {
            throw new MalformedChangeException("schema id " + id + " is not in the registry at " + url);
          }
          if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryUnavailableException(url, id, "HTTP " + response.statusCode() + ": the registry refused"
                + (access.authenticates() ? " the credentials of " : " a request without credentials; set ")
                + "denorm.source.registry.username and .password");
          }
          problem = "HTTP " + response.statusCode() + " " + response.body();
        } catch (IOException e) {
          problem = e.toString();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryUnavailableException(url, id, "interrupted");
        }
        try {
          Thread.sleep(Math.min(5_000L, 200L << attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryUnavailableException(url, id, "interrupted");
        }
      }
      throw new RegistryUnavailableException(url, id, problem);
    }
  }

  /** The registry did not answer: the application stops at the event and reads it again on restart. */
  public static final class RegistryUnavailableException extends RuntimeException {
    RegistryUnavailableException(String url, int id, String problem) {
      super("the schema registry at " + url + " did not give schema id " + id + " (" + problem
          + "); stopping at this event, which is read again when the application starts");
    }
  }
}
