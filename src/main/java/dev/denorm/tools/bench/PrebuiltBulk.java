package dev.denorm.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * Sends pre-built {@code _bulk} bodies with at most {@code inFlight} requests at once and fails
 * on any item error: the engine's own ceiling, with nothing of the sink in between.
 */
public final class PrebuiltBulk {

  private PrebuiltBulk() {}

  /** Returns once every body was answered (at most 10 minutes). */
  public static void send(RestClient client, List<byte[]> bodies, int inFlight) throws Exception {
    var slots = new Semaphore(inFlight);
    var done = new CountDownLatch(bodies.size());
    var failure = new AtomicReference<Exception>();
    for (byte[] body : bodies) {
      slots.acquire();
      var request = new Request("POST", "/_bulk");
      request.setEntity(new ByteArrayEntity(body, ContentType.create("application/x-ndjson")));
      client.performRequestAsync(request, new ResponseListener() {
        @Override
        public void onSuccess(Response response) {
          try {
            var text = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (text.contains("\"errors\":true")) {
              failure.set(new IOException("bulk item errors: " + text.substring(0, Math.min(300, text.length()))));
            }
          } catch (IOException e) {
            failure.set(e);
          }
          slots.release();
          done.countDown();
        }

        @Override
        public void onFailure(Exception e) {
          failure.set(e);
          slots.release();
          done.countDown();
        }
      });
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IOException("bulk requests not answered within 10 minutes");
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
