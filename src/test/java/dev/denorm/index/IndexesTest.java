package dev.denorm.index;

import dev.denorm.index.order.OrderIndex;
import dev.denorm.index.customer.CustomerIndex;
import dev.denorm.index.product.ProductIndex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.cdc.ToastPlaceholder;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration names index classes as text; these check that the names are the classes. */
class IndexesTest {

  @Test
  void shouldDefaultToTheShopIndexClasses() {
    assertThat(Indexes.SHOP).containsExactly(ProductIndex.class.getName(), CustomerIndex.class.getName(),
        OrderIndex.class.getName());
    var defaults = Indexes.of(AppConfig.from(Map.of()));
    assertThat(defaults.all()).extracting(DocumentIndex::name).containsExactly("products", "customers", "orders");
  }

  @Test
  void shouldDeriveTheChangeTopicsFromTheTablesTheIndexesRead() {
    var config = AppConfig.from(Map.of());
    assertThat(Indexes.of(config).changeTopics(config.topology()))
        .containsExactlyInAnyOrder("pg.shop.products", "pg.shop.customers", "pg.shop.addresses", "pg.shop.orders",
            "pg.shop.order_lines");
  }

  @Test
  void shouldRecommendTheConfiguredToastPlaceholderDefault() {
    assertThat(TopologySettings.defaults().toastPlaceholder()).isEqualTo(ToastPlaceholder.RECOMMENDED);
  }
}
