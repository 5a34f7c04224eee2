package io.waybill.odoo.inbound;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.odoo.client.OdooClient;
import io.waybill.odoo.client.OdooRecord;
import io.waybill.odoo.config.OdooConnectorConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Installs (or updates) the connector's automation rules in Odoo: "when a sales order reaches state X, post it
 * to the connector's webhook". Done over the API because by hand it is error-prone, and because of a trap
 * recorded on 17.0: a rule created over RPC with {@code trigger: on_state_set} fires on every write unless
 * {@code trigger_field_ids} and {@code filter_domain} are written explicitly. Both are written, then read back
 * and checked.
 */
@ApplicationScoped
public class AutomationInstaller {

    /** What Odoo holds after the installation. */
    public record InstalledRule(long id, String name, String trigger, List<Long> triggerFieldIds, String filterDomain,
                                String webhookUrl, boolean created) {
    }

    private record Rule(String name, String state) {
    }

    private record Written(long id, boolean created) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("Waybill: sales order confirmed", "sale"),
            new Rule("Waybill: sales order cancelled", "cancel"));
    /** What the webhook carries: a hint only, so the few fields an operator needs to read Odoo's webhook log. */
    private static final List<String> PAYLOAD_FIELDS = List.of("name", "state", "client_order_ref", "write_date");

    private final OdooClient odoo;
    private final OdooConnectorConfig config;

    public AutomationInstaller(OdooClient odoo, OdooConnectorConfig config) {
        this.odoo = odoo;
        this.config = config;
    }

    public Uni<List<InstalledRule>> install() {
        URI base = config.webhook().publicBaseUrl().orElseThrow(() -> ProblemException.conflict("webhook-url-unknown",
                "Set waybill.odoo.webhook.public-base-url to the address Odoo reaches this connector at"));
        String url = base.toString().replaceAll("/+$", "") + "/odoo/webhooks/" + config.webhook().secret();
        return odoo.searchRead("ir.model", List.of(List.of("model", "=", "sale.order")), List.of("id", "model", "name"), 1, null)
                .chain(models -> {
                    long modelId = single(models, "ir.model sale.order").id();
                    List<String> fieldNames = new java.util.ArrayList<>(PAYLOAD_FIELDS);
                    return odoo.searchRead("ir.model.fields", List.of(List.of("model", "=", "sale.order"),
                                    List.of("name", "in", fieldNames)), List.of("id", "name", "ttype"), null, null)
                            .chain(fields -> {
                                Map<String, Long> fieldIds = fields.stream()
                                        .collect(Collectors.toMap(f -> f.textOrNull("name"), OdooRecord::id));
                                long stateField = require(fieldIds, "state");
                                return odoo.searchRead("ir.model.fields.selection", List.of(List.of("field_id", "=", stateField)),
                                                List.of("id", "value", "name"), null, null)
                                        .chain(selections -> {
                                            Map<String, Long> values = selections.stream()
                                                    .collect(Collectors.toMap(s -> s.textOrNull("value"), OdooRecord::id));
                                            return Multi.createFrom().iterable(RULES)
                                                    .onItem().transformToUniAndConcatenate(rule -> installRule(rule, modelId,
                                                            stateField, require(values, rule.state()), fieldIds.values().stream().toList(), url))
                                                    .collect().asList();
                                        });
                            });
                });
    }

    private Uni<InstalledRule> installRule(Rule rule, long modelId, long stateField, long selection,
                                           List<Long> payloadFields, String url) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", rule.name());
        vals.put("model_id", modelId);
        vals.put("trigger", "on_state_set");
        vals.put("trg_selection_field_id", selection);
        // The recorded trap: without these two, the rule fires on every write of every order.
        vals.put("trigger_field_ids", List.of(List.of(6, 0, List.of(stateField))));
        vals.put("filter_domain", "[(\"state\", \"=\", \"" + rule.state() + "\")]");
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "POST to Waybill (" + rule.state() + ")");
        action.put("model_id", modelId);
        action.put("state", "webhook");
        action.put("webhook_url", url);
        action.put("webhook_field_ids", List.of(List.of(6, 0, payloadFields)));
        return odoo.searchRead("base.automation", List.of(List.of("name", "=", rule.name())),
                        List.of("action_server_ids"), 1, "id asc")
                .chain(existing -> {
                    if (existing.isEmpty()) {
                        Map<String, Object> create = new LinkedHashMap<>(vals);
                        create.put("action_server_ids", List.of(List.of(0, 0, action)));
                        return odoo.create("base.automation", create, Map.of()).map(id -> new Written(id, true));
                    }
                    OdooRecord automation = existing.get(0);
                    return odoo.write("base.automation", List.of(automation.id()), vals, Map.of())
                            .chain(() -> automation.ids("action_server_ids").isEmpty() ? Uni.createFrom().voidItem()
                                    : odoo.write("ir.actions.server", automation.ids("action_server_ids"),
                                    Map.of("webhook_url", url, "webhook_field_ids", action.get("webhook_field_ids")), Map.of()))
                            .replaceWith(new Written(automation.id(), false));
                })
                .chain(written -> verify(written.id(), written.created(), url));
    }

    private Uni<InstalledRule> verify(long id, boolean created, String url) {
        return odoo.read("base.automation", List.of(id), List.of("name", "trigger", "trigger_field_ids", "filter_domain"))
                .map(read -> {
                    OdooRecord rule = single(read, "base.automation " + id);
                    if (rule.ids("trigger_field_ids").isEmpty() || rule.text("filter_domain").isEmpty()) {
                        throw new ProblemException(502, "odoo-automation-incomplete", "Odoo did not keep the rule's filter",
                                "Automation " + id + " has no trigger fields or filter domain and would fire on every write");
                    }
                    return new InstalledRule(id, rule.textOrNull("name"), rule.textOrNull("trigger"),
                            rule.ids("trigger_field_ids"), rule.textOrNull("filter_domain"), url.replace(config.webhook().secret(), "***"),
                            created);
                });
    }

    private static OdooRecord single(List<OdooRecord> records, String what) {
        if (records.isEmpty()) {
            throw new ProblemException(502, "odoo-setup-missing", "Odoo lacks what the connector needs", what + " not found in Odoo");
        }
        return records.get(0);
    }

    private static long require(Map<String, Long> ids, String key) {
        Long id = ids.get(key);
        if (id == null) {
            throw new ProblemException(502, "odoo-setup-missing", "Odoo lacks what the connector needs",
                    "sale.order has no " + key + " in Odoo's model metadata");
        }
        return id;
    }
}
