/**
 * What the command line finds at run time with {@link java.util.ServiceLoader}: the embedded stack
 * and the tool commands (demo, bench). The full jar has them; the lean production jar does not.
 */
package dev.denorm.app.spi;
