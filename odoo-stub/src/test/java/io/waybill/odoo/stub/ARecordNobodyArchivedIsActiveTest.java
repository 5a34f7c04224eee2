package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Odoo's {@code active} defaults to True on partners and products: a product created without it, or seeded from a
 * recorded read that did not ask for it, reads back active, as from a real Odoo; archiving it is what makes it false.
 * (An unset field reading false made every product Waybill synchronized from the stub look archived.)
 */
class ARecordNobodyArchivedIsActiveTest {

    @Test
    void productsAndPartnersAreActiveUntilArchived() {
        for (OdooApi api : OdooApi.values()) {
            try (OdooStub odoo = OdooStub.start(api)) {
                ObjectNode vals = JsonNodeFactory.instance.objectNode();
                vals.set("vals_list", Transcripts.JSON.valueToTree(Map.of("name", "Pallet wrap",
                        "default_code", "SKU-PALLET-WRAP", "detailed_type", "product", "weight", 2.5)));
                long created = odoo.odooUserDoes("product.product", "create", null, vals, null).asLong();
                long seeded = odoo.fixture().productId();
                long partner = odoo.fixture().partnerId();

                assertEquals(List.of(true, true), List.of(active(odoo, "product.product", created),
                        active(odoo, "product.product", seeded)), api.name());
                assertEquals(true, active(odoo, "res.partner", partner), api.name());

                ObjectNode archive = JsonNodeFactory.instance.objectNode();
                archive.putObject("vals").put("active", false);
                odoo.odooUserDoes("product.product", "write", List.of(created), archive, null);
                assertEquals(false, active(odoo, "product.product", created), api.name());
            }
        }
    }

    /** {@code active} as a client reads it over the API (read with a field list). */
    private static boolean active(OdooStub odoo, String model, long id) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putArray("fields").add("active");
        JsonNode rows = odoo.odooUserDoes(model, "read", List.of(id), args, null);
        return rows.get(0).path("active").asBoolean();
    }
}
