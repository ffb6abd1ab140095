package dev.denorm.index.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.row.AddressRow;
import dev.denorm.state.AddressList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressListAggregatorTest {

  private static AddressRow address(long id, String city) {
    return new AddressRow(id, 1L, "billing", "street", city, null, "DE");
  }

  @Test
  void adderShouldKeepAddressesSortedAndReplaceChangedOnes() {
    var adder = new AddressListAdder();
    var list = adder.apply(1L, address(9, "x"), new AddressList(List.of()));
    list = adder.apply(1L, address(2, "y"), list);
    list = adder.apply(1L, address(9, "z"), list);

    assertThat(list.getItems()).extracting(AddressRow::getId).containsExactly(2L, 9L);
    assertThat(list.getItems().get(1).getCity()).isEqualTo("z");
  }

  @Test
  void subtractorShouldRemoveAddressAndDropEmptyList() {
    var subtractor = new AddressListSubtractor();
    var list = new AddressList(List.of(address(2, "y"), address(9, "z")));

    var remaining = subtractor.apply(1L, address(2, "y"), list);

    assertThat(remaining.getItems()).extracting(AddressRow::getId).containsExactly(9L);
    assertThat(subtractor.apply(1L, address(9, "z"), remaining)).isNull();
  }
}
