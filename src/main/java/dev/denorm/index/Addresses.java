package dev.denorm.index;

import dev.denorm.document.Address;
import dev.denorm.row.AddressRow;

/**
 * An address row as it is nested in the customers and orders documents; in SQL, the function
 * pg_temp.address of Addresses.sql next to this class ({@link #ORACLE_SQL}).
 */
public final class Addresses {

  /** Creates pg_temp.address(shop.addresses) for the oracle SQL of an index that nests addresses. */
  public static final String ORACLE_SQL = DocumentIndex.sqlNextTo(Addresses.class, "Addresses.sql");

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
