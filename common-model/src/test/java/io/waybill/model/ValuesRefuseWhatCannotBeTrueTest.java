package io.waybill.model;

import io.waybill.events.EventJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Money, Quantity and Address refuse on construction (and so on deserialization) what no business rule could use. */
class ValuesRefuseWhatCannotBeTrueTest {

    @Test
    void moneyNeedsAnAmountAndAnIsoCurrency() {
        assertThrows(NullPointerException.class, () -> new Money(null, "EUR"));
        assertThrows(NullPointerException.class, () -> new Money(BigDecimal.ONE, null));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "EURO"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "eur"));
        assertThrows(NumberFormatException.class, () -> Money.of("one", "EUR"));
        assertEquals("12.50 EUR", Money.of("12.50", "EUR").toString());
    }

    @Test
    void moneyRefusesToMixCurrencies() {
        Money euros = Money.of("10.00", "EUR");
        Money dollars = Money.of("10.00", "USD");
        assertThrows(IllegalArgumentException.class, () -> euros.plus(dollars));
        assertThrows(IllegalArgumentException.class, () -> euros.minus(dollars));
        assertThrows(IllegalArgumentException.class, () -> euros.compareTo(dollars));
    }

    @Test
    void moneyReadFromJsonIsCheckedToo() {
        assertThrows(Exception.class, () -> EventJson.mapper().readValue("{\"amount\":\"1.00\",\"currency\":\"XXY\"}", Money.class));
        assertEquals(Money.of("1.00", "EUR"),
                EventJson.mapper().convertValue(EventJson.mapper().createObjectNode().put("amount", "1.00").put("currency", "EUR"), Money.class));
    }

    @Test
    void quantityIsNeverNegativeAndCountedUnitsAreWhole() {
        assertThrows(NullPointerException.class, () -> new Quantity(null, UnitOfMeasure.EACH));
        assertThrows(NullPointerException.class, () -> new Quantity(BigDecimal.ONE, null));
        assertThrows(IllegalArgumentException.class, () -> Quantity.of("-1", UnitOfMeasure.KG));
        assertThrows(IllegalArgumentException.class, () -> Quantity.of("2.5", UnitOfMeasure.CASE));
        assertThrows(IllegalArgumentException.class, () -> Quantity.each(1).minus(Quantity.each(2)));
        assertThrows(IllegalArgumentException.class, () -> Quantity.each(1).plus(Quantity.of("1", UnitOfMeasure.KG)));
        assertEquals(Quantity.of("2.5", UnitOfMeasure.KG).value(), new BigDecimal("2.5"));
        assertTrue(Quantity.of("3.00", UnitOfMeasure.EACH).value().compareTo(BigDecimal.valueOf(3)) == 0);
    }

    @Test
    void anAddressNeedsAStreetACityAndAnIsoCountry() {
        assertThrows(IllegalArgumentException.class, () -> address(null, "Berlin", "DE"));
        assertThrows(IllegalArgumentException.class, () -> address("  ", "Berlin", "DE"));
        assertThrows(IllegalArgumentException.class, () -> address("Hauptstr. 1", "", "DE"));
        assertThrows(NullPointerException.class, () -> address("Hauptstr. 1", "Berlin", null));
        assertThrows(IllegalArgumentException.class, () -> address("Hauptstr. 1", "Berlin", "de"));
        assertThrows(IllegalArgumentException.class, () -> address("Hauptstr. 1", "Berlin", "DEU"));
        assertEquals("DE", address("Hauptstr. 1", "Berlin", "DE").countryCode());
    }

    static Address address(String street, String city, String country) {
        return new Address("Ada", null, street, null, city, null, "10115", country, null, null);
    }
}
