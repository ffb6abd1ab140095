/**
 * Tools beside the runtime, never imported by it: the embedded default stack, the demo and the bench.
 * Their dependencies are optional in the pom, so a project that depends on denorm does not get them.
 * The command line finds them at run time through {@code dev.denorm.app.spi}; the lean jar leaves them out.
 */
package dev.denorm.tools;
