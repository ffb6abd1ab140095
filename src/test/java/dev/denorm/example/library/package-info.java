/**
 * The second example of issue 27, "your own database": four indexes over a library schema unlike the shop
 * (text, uuid and composite keys, soft deletes, children three levels deep, a lookup of a lookup, a many-to-many).
 */
package dev.denorm.example.library;
