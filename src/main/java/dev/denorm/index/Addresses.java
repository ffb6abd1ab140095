package dev.denorm.index;

import dev.denorm.document.Address;
import dev.denorm.row.AddressRow;

/** An address row as it is nested in the customers and orders documents. */
public final class Addresses {

  private Addresses() {}

  public static Address toDocument(AddressRow row) {
    return Address.newBuilder()
        .setId(row.getId())
        .setKind(row.getKind())
        .setStreet(row.getStreet())
        .setCity(row.getCity())
        .setPostalCode(row.getPostalCode())
        .setCountry(row.getCountry())
        .build();
  }
}
