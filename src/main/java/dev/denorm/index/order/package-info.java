/** The {@code orders} index: orders joined to their customer, shipping address and lines with products. */
package dev.denorm.index.order;
