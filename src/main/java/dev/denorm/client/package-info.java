/**
 * What an application that writes to PostgreSQL uses to read its own writes in the search engine:
 * {@link dev.denorm.client.ReadYourWrites}. Depends on the JDK alone (JDBC and java.net.http).
 */
package dev.denorm.client;
