package dev.denorm.app;

import dev.denorm.config.AppConfig;
import dev.denorm.config.Secrets;
import dev.denorm.config.StackSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.kafka.common.config.ConfigException;

/** The source database of a running deployment, for the commands that read or signal it (verify, resnapshot). */
final class SourceDatabase {

  private SourceDatabase() {}

  static Connection connect(AppConfig config) {
    var s = config.stack();
    var jdbcUrl = s.postgresUrl().orElseThrow(() -> new ConfigException(StackSettings.POSTGRES_URL
        + " must name the source database (jdbc:postgresql://host:port/db)"));
    try {
      return DriverManager.getConnection(jdbcUrl, s.postgresUser(), s.postgresPassword().value());
    } catch (SQLException e) {
      throw new Unusable("cannot connect to PostgreSQL at " + Secrets.redact(jdbcUrl) + " (" + Secrets.summary(e)
          + "); check " + StackSettings.POSTGRES_URL + ", the user and the password");
    }
  }
}
