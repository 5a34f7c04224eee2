package io.waybill.shipment.carrier.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.model.Address;
import io.waybill.model.Money;
import io.waybill.model.order.Parcel;
import io.waybill.model.order.ServiceLevel;
import io.waybill.model.shipment.LabelFormat;
import io.waybill.model.shipment.ProofOfDelivery;
import io.waybill.shipment.carrier.CarrierAdapter;
import io.waybill.shipment.carrier.CarrierHttp;
import io.waybill.shipment.carrier.CarrierRejectedException;
import io.waybill.shipment.carrier.CarrierTrackingUpdate;
import io.waybill.shipment.carrier.CarrierUnavailableException;
import io.waybill.shipment.carrier.PurchasedLabel;
import io.waybill.shipment.carrier.RateQuote;
import io.waybill.shipment.carrier.ShipmentSpec;
import io.waybill.shipment.carrier.VoidOutcome;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Speaks the sandbox carrier API ({@link SandboxCarrierServer}). The sandbox honours {@code Idempotency-Key} on
 * label purchases, so a retried purchase returns the label of the first one instead of a second label.
 */
public class SandboxCarrierAdapter implements CarrierAdapter {

    private final String carrierId;
    private final String baseUrl;
    private final CarrierHttp http;

    public SandboxCarrierAdapter(String carrierId, String baseUrl, CarrierHttp http) {
        this.carrierId = carrierId;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
    }

    @Override
    public String carrierId() {
        return carrierId;
    }

    @Override
    public List<RateQuote> quote(ShipmentSpec shipment) {
        JsonNode response = http.post(uri("/v1/rates"), request(shipment), Map.of());
        List<RateQuote> quotes = new ArrayList<>();
        for (JsonNode rate : response.path("rates")) {
            quotes.add(new RateQuote(carrierId, rate.path("service").asText(),
                    ServiceLevel.valueOf(rate.path("level").asText()),
                    Money.of(rate.path("amount").asText(), rate.path("currency").asText()),
                    rate.path("transitDays").isNumber() ? rate.path("transitDays").asInt() : null,
                    null, rate.path("service").asText(), null));
        }
        return quotes;
    }

    @Override
    public PurchasedLabel buy(RateQuote quote, ShipmentSpec shipment, String idempotencyKey) {
        ObjectNode body = request(shipment);
        body.put("service", quote.serviceCode());
        body.put("format", shipment.labelFormat().name());
        body.put("amount", quote.cost().amount().toPlainString());
        body.put("currency", quote.cost().currency());
        return label(http.post(uri("/v1/labels"), body, Map.of("Idempotency-Key", idempotencyKey)), quote);
    }

    private PurchasedLabel label(JsonNode label, RateQuote quote) {
        if (!label.hasNonNull("trackingNumber") || !label.hasNonNull("label")) {
            throw new CarrierUnavailableException(carrierId, "label response without tracking number or label");
        }
        return new PurchasedLabel(label.path("trackingNumber").asText(), label.path("shipmentRef").asText(),
                LabelFormat.valueOf(label.path("format").asText("PDF")),
                Base64.getDecoder().decode(label.path("label").asText()), quote.cost());
    }

    /** The sandbox keeps every label under its idempotency key: the lookup after an answer was lost. */
    @Override
    public Optional<PurchasedLabel> lookUpPurchase(RateQuote quote, String idempotencyKey) {
        JsonNode label;
        try {
            label = http.get(uri("/v1/labels?idempotencyKey=" + encode(idempotencyKey)), Map.of());
        } catch (CarrierRejectedException notIssued) {
            return Optional.empty();
        }
        // A voided label is no label: nothing to adopt, nothing left to void.
        return label.path("voided").asBoolean(false) ? Optional.empty() : Optional.of(label(label, quote));
    }

    @Override
    public VoidOutcome voidLabel(String trackingNumber, String carrierShipmentRef) {
        http.delete(uri("/v1/labels/" + encode(trackingNumber)), Map.of());
        return VoidOutcome.VOIDED;
    }

    @Override
    public List<CarrierTrackingUpdate> track(String trackingNumber, String carrierShipmentRef) {
        JsonNode response = http.get(uri("/v1/tracking/" + encode(trackingNumber)), Map.of());
        List<CarrierTrackingUpdate> updates = new ArrayList<>();
        for (JsonNode event : response.path("events")) {
            updates.add(update(event));
        }
        return updates;
    }

    @Override
    public List<CarrierTrackingUpdate> parseWebhook(String body) {
        JsonNode event;
        try {
            event = http.json().readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not JSON: " + e.getMessage(), e);
        }
        if (!event.hasNonNull("trackingNumber") || !event.hasNonNull("status") || !event.hasNonNull("occurredAt")) {
            throw new IllegalArgumentException("Sandbox webhook needs trackingNumber, status and occurredAt");
        }
        return List.of(update(event));
    }

    private static CarrierTrackingUpdate update(JsonNode event) {
        JsonNode pod = event.path("proofOfDelivery");
        Instant occurredAt = Instant.parse(event.path("occurredAt").asText());
        return new CarrierTrackingUpdate(
                event.path("trackingNumber").asText(),
                event.path("eventId").asText(null),
                event.path("status").asText(),
                null,
                occurredAt,
                event.path("location").asText(null),
                event.path("description").asText(null),
                pod.isObject() ? new ProofOfDelivery(occurredAt, pod.path("signer").asText(null),
                        pod.path("photoUrl").asText(null), pod.path("signatureUrl").asText(null)) : null);
    }

    private ObjectNode request(ShipmentSpec shipment) {
        ObjectNode body = http.json().createObjectNode();
        body.put("reference", shipment.reference());
        body.set("shipFrom", address(shipment.shipFrom()));
        body.set("shipTo", address(shipment.shipTo()));
        body.put("serviceLevel", shipment.serviceLevel().name());
        var parcels = body.putArray("parcels");
        for (Parcel parcel : shipment.parcels()) {
            ObjectNode p = parcels.addObject();
            p.put("weightKg", parcel.weightKg());
            put(p, "lengthCm", parcel.lengthCm());
            put(p, "widthCm", parcel.widthCm());
            put(p, "heightCm", parcel.heightCm());
        }
        return body;
    }

    private ObjectNode address(Address address) {
        return http.json().valueToTree(address);
    }

    private static void put(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
