/**
 * Tools beside the runtime, never imported by it: the embedded default stack, the demo and the bench.
 * Their dependencies are optional in the pom, so a project that depends on denorm does not get them.
 */
package dev.denorm.tools;
