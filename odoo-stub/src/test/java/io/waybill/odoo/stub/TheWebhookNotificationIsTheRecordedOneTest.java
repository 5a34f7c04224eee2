package io.waybill.odoo.stub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the stub says Odoo's "Send Webhook Notification" posts about the recorded order is what the real server
 * posted (webhook_received.jsonl), key for key, in the same order.
 */
class TheWebhookNotificationIsTheRecordedOneTest {

    @Test
    void theNotificationOfTheRecordedOrderIsTheRecordedNotification() {
        for (OdooApi api : OdooApi.values()) {
            try (OdooStub odoo = OdooStub.start(api)) {
                ObjectNode recorded = odoo.transcripts().webhookPayloads().stream()
                        .filter(p -> p.path("_id").asLong() == odoo.fixture().orderId() && p.has("partner_id")
                                && "sale".equals(p.path("state").asText()))
                        .findFirst().orElseThrow();

                ObjectNode sent = odoo.webhookNotification("sale.order", odoo.fixture().orderId());

                assertEquals(recorded, sent, api.name());
                assertEquals(names(recorded), names(sent), api.name() + ": keys sorted as Odoo sorts them");
            }
        }
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
