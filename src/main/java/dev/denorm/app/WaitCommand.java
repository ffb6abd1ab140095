package dev.denorm.app;

import dev.denorm.client.ReadYourWrites;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.types.Password;

/**
 * {@code wait --index I --lsn LSN [--timeout 5s] [--url URL]}: asks an instance's {@code /wait}
 * and prints its answer. Exit 0 when everything up to the LSN is searchable in the index, 1 when
 * the timeout passed first (the answer says which stage is behind), 2 when the instance cannot be
 * asked or refuses the request.
 */
final class WaitCommand implements Callable<Integer> {

  private final String url;
  private final Optional<Password> token;
  private final String index;
  private final String lsn;
  private final String timeout;
  private final PrintStream out;
  private final PrintStream err;

  WaitCommand(String url, Optional<Password> token, Optional<String> index, Optional<String> lsn, Optional<String> timeout,
      PrintStream out, PrintStream err) {
    this.url = url;
    this.token = token;
    this.index = index.orElseThrow(() -> new CommandLine.UsageException("wait needs --index INDEX"));
    this.lsn = lsn.orElseThrow(() -> new CommandLine.UsageException("wait needs --lsn LSN (pg_current_wal_insert_lsn() "
        + "after your commit)"));
    this.timeout = timeout.orElse("5s");
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    var duration = WaitRoute.timeout(timeout);
    try (var barrier = new ReadYourWrites(URI.create(url), token.map(Password::value))) {
      var answer = barrier.await(index, lsn, duration);
      out.println(answer.body());
      if (answer.searchable()) {
        return 0;
      }
      return answer.status() == 504 ? 1 : 2;
    } catch (IOException e) {
      err.println("denorm wait: no answer from " + url + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
      return 2;
    }
  }
}
