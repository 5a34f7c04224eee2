package io.waybill.odoo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an Odoo button method ({@code action_*}, {@code button_*}) answered. Several of them do not do the work
 * when a user would be asked something first: they return a window action opening a wizard (SMS confirmation,
 * backorder, cancel warning) and change nothing. Such an answer is a {@link Wizard}, never success.
 */
public sealed interface ActionOutcome {

    /** The method did its work; {@code value} is what it returned ({@code true}, {@code false}, null, an action...). */
    record Done(JsonNode value) implements ActionOutcome {
    }

    /** The method opened a dialog instead of acting: nothing was changed in Odoo. */
    record Wizard(String resModel, String name, JsonNode action) implements ActionOutcome {
    }

    /**
     * A window action is a wizard when it opens a model in a dialog ({@code target: new}). The recorded
     * {@code sale.advance.payment.inv.create_invoices} returns a window action too, but onto the created invoices
     * ({@code res_model: account.move}, {@code target: current}): that one is a result, not a question.
     */
    static ActionOutcome of(JsonNode result) {
        if (result != null && result.isObject() && result.hasNonNull("res_model")
                && "new".equals(result.path("target").asText("new"))) {
            return new Wizard(result.path("res_model").asText(), result.path("name").asText(), result);
        }
        return new Done(result);
    }

    /** The value of a method that must not ask anything, or an {@link OdooUserException} naming the wizard. */
    default JsonNode requireDone(String what) {
        if (this instanceof Wizard wizard) {
            throw new OdooUserException("wizard:" + wizard.resModel(),
                    what + " answered with the wizard '" + wizard.name() + "' (" + wizard.resModel() + ") and did nothing");
        }
        return ((Done) this).value();
    }
}
