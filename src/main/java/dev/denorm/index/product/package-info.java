/** The {@code products} index: one document per product row, no joins. */
package dev.denorm.index.product;
