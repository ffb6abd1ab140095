/** What every dead letter carries in its headers, whichever stage wrote it. */
package dev.denorm.deadletter;
