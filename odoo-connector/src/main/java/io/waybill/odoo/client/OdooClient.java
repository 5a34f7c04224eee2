package io.waybill.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The connector's one way into Odoo. Two implementations carry the same calls over Odoo's two external APIs
 * ({@link JsonRpcOdooClient}, {@link Json2OdooClient}); everything above this interface is API-agnostic.
 * <p>
 * Every failure arrives as an {@link OdooException} carrying Odoo's message. Calls are non-blocking and answer on
 * the caller's Vert.x context, so a Hibernate Reactive step can follow directly.
 */
public interface OdooClient {

    OdooApiFlavour flavour();

    /** Runs one call and returns what Odoo answered; a method returning nothing answers {@code NullNode}. */
    Uni<JsonNode> execute(OdooCall call);

    default Uni<List<OdooRecord>> searchRead(String model, List<?> domain, List<String> fields, Integer limit, String order) {
        return execute(OdooCall.on(model, "search_read")
                .positional("domain", domain)
                .keyword("fields", fields)
                .keyword("limit", limit)
                .keyword("order", order)
                .build())
                .map(OdooClient::records);
    }

    /** Reads records by id. Odoo silently leaves out ids that do not exist: compare what came back. */
    default Uni<List<OdooRecord>> read(String model, Collection<Long> ids, List<String> fields) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return execute(OdooCall.on(model, "read").ids(ids).keyword("fields", fields).build())
                .map(OdooClient::records);
    }

    default Uni<List<Long>> search(String model, List<?> domain, Integer limit, String order) {
        return execute(OdooCall.on(model, "search")
                .positional("domain", domain)
                .keyword("limit", limit)
                .keyword("order", order)
                .build())
                .map(OdooClient::idList);
    }

    default Uni<Long> searchCount(String model, List<?> domain) {
        return execute(OdooCall.on(model, "search_count").positional("domain", domain).build())
                .map(JsonNode::asLong);
    }

    /** Creates one record and returns its id. */
    default Uni<Long> create(String model, Map<String, ?> values, Map<String, ?> context) {
        return execute(OdooCall.on(model, "create")
                .positional("vals_list", List.of(values))
                .context(context)
                .build())
                .map(result -> {
                    // create([vals]) answers [id]; create(vals) answers id. Accept both.
                    List<Long> ids = idList(result);
                    if (ids.size() != 1) {
                        throw new OdooServerException("unexpected-result", model + ".create answered " + result);
                    }
                    return ids.get(0);
                });
    }

    default Uni<Void> write(String model, Collection<Long> ids, Map<String, ?> values, Map<String, ?> context) {
        return execute(OdooCall.on(model, "write").ids(ids).positional("vals", values).context(context).build())
                .replaceWithVoid();
    }

    /**
     * Calls a button method. The answer may be a wizard instead of the work done: check the outcome, or use
     * {@link ActionOutcome#requireDone}.
     */
    default Uni<ActionOutcome> callAction(String model, String method, Collection<Long> ids, Map<String, ?> context) {
        return execute(OdooCall.on(model, method).ids(ids).context(context).build())
                .map(ActionOutcome::of);
    }

    static List<OdooRecord> records(JsonNode result) {
        if (result == null || !result.isArray()) {
            throw new OdooServerException("unexpected-result", "Expected a list of records, got " + result);
        }
        List<OdooRecord> records = new ArrayList<>(result.size());
        result.forEach(node -> records.add(new OdooRecord((ObjectNode) node)));
        return records;
    }

    static List<Long> idList(JsonNode result) {
        List<Long> ids = new ArrayList<>();
        if (result != null && result.isIntegralNumber()) {
            ids.add(result.asLong());
        } else if (result != null && result.isArray()) {
            result.forEach(id -> ids.add(id.asLong()));
        } else {
            throw new OdooServerException("unexpected-result", "Expected record ids, got " + result);
        }
        return ids;
    }
}
