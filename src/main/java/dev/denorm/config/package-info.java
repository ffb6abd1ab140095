/**
 * The application's configuration: one immutable object, parsed and validated at start-up,
 * failing fast with the key and what is allowed.
 */
package dev.denorm.config;
