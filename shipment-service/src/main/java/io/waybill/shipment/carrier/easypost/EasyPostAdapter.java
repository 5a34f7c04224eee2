package io.waybill.shipment.carrier.easypost;

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
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EasyPost API v2, as published: {@code POST /v2/shipments} (addresses and parcel in, {@code rates} out),
 * {@code POST /v2/shipments/{id}/buy} with the chosen rate (tracking code and {@code postage_label} out),
 * {@code GET /v2/shipments/{id}}, {@code POST /v2/shipments/{id}/refund}, and webhook {@code Event} objects whose
 * {@code result} is a {@code Tracker} with {@code status} and {@code tracking_details}.
 * <p>
 * EasyPost takes no idempotency key on buy; a retried purchase therefore first looks the shipment up and uses the
 * label it already has ({@link #findPurchased}). Units are converted at this edge: ounces and inches.
 * Authentication is HTTP Basic with the API key as user name.
 */
public class EasyPostAdapter implements CarrierAdapter {

    private static final BigDecimal OUNCES_PER_KG = new BigDecimal("35.27396195");
    private static final BigDecimal CM_PER_INCH = new BigDecimal("2.54");

    private final String carrierId;
    private final String baseUrl;
    private final CarrierHttp http;
    private final Map<String, String> auth;

    public EasyPostAdapter(String carrierId, String baseUrl, String apiKey, CarrierHttp http) {
        this.carrierId = carrierId;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
        this.auth = Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String carrierId() {
        return carrierId;
    }

    @Override
    public List<RateQuote> quote(ShipmentSpec spec) {
        if (spec.parcels().size() != 1) {
            // A multi-parcel EasyPost shipment is an Order object; not supported by this adapter yet.
            throw new CarrierRejectedException(carrierId, "EasyPost shipments carry exactly one parcel");
        }
        ObjectNode shipment = http.json().createObjectNode();
        shipment.set("to_address", address(spec.shipTo()));
        shipment.set("from_address", address(spec.shipFrom()));
        shipment.set("parcel", parcel(spec.parcels().get(0)));
        shipment.put("reference", spec.reference());
        shipment.putObject("options").put("label_format", spec.labelFormat().name());
        ObjectNode body = http.json().createObjectNode();
        body.set("shipment", shipment);
        JsonNode created = http.post(uri("/v2/shipments"), body, auth);
        String shipmentId = created.path("id").asText(null);
        List<RateQuote> quotes = new ArrayList<>();
        for (JsonNode rate : created.path("rates")) {
            Integer days = rate.path("delivery_days").isNumber() ? rate.path("delivery_days").asInt()
                    : rate.path("est_delivery_days").isNumber() ? rate.path("est_delivery_days").asInt() : null;
            quotes.add(new RateQuote(carrierId,
                    rate.path("carrier").asText() + "/" + rate.path("service").asText(),
                    level(days),
                    Money.of(rate.path("rate").asText(), rate.path("currency").asText("USD")),
                    days,
                    date(rate.path("delivery_date").asText(null)),
                    rate.path("id").asText(),
                    rate.path("shipment_id").asText(shipmentId)));
        }
        return quotes;
    }

    /**
     * EasyPost rates name carrier services, not speeds; Waybill's level is read off the promised days:
     * 1 day NEXT_DAY, 2 days EXPRESS, 3-4 days STANDARD, slower or unknown ECONOMY.
     */
    static ServiceLevel level(Integer days) {
        if (days == null || days >= 5) {
            return ServiceLevel.ECONOMY;
        }
        if (days <= 1) {
            return ServiceLevel.NEXT_DAY;
        }
        return days == 2 ? ServiceLevel.EXPRESS : ServiceLevel.STANDARD;
    }

    @Override
    public Optional<PurchasedLabel> findPurchased(RateQuote quote, String idempotencyKey) {
        JsonNode shipment = http.get(uri("/v2/shipments/" + quote.carrierShipmentRef()), auth);
        // A refunded (or refund-submitted) label is no label to adopt.
        if (shipment.path("tracking_code").isTextual() && shipment.path("postage_label").isObject()
                && !shipment.path("refund_status").isTextual()) {
            return Optional.of(label(shipment, quote));
        }
        return Optional.empty();
    }

    @Override
    public PurchasedLabel buy(RateQuote quote, ShipmentSpec spec, String idempotencyKey) {
        ObjectNode body = http.json().createObjectNode();
        body.putObject("rate").put("id", quote.carrierRateRef());
        JsonNode bought = http.post(uri("/v2/shipments/" + quote.carrierShipmentRef() + "/buy"), body, auth);
        if (!bought.path("tracking_code").isTextual() || !bought.path("postage_label").isObject()) {
            throw new CarrierUnavailableException(carrierId, "buy answered without tracking_code or postage_label");
        }
        return label(bought, quote);
    }

    private PurchasedLabel label(JsonNode shipment, RateQuote quote) {
        JsonNode postage = shipment.path("postage_label");
        String url;
        LabelFormat format;
        if (postage.path("label_zpl_url").isTextual()) {
            url = postage.path("label_zpl_url").asText();
            format = LabelFormat.ZPL;
        } else if (postage.path("label_pdf_url").isTextual()) {
            url = postage.path("label_pdf_url").asText();
            format = LabelFormat.PDF;
        } else {
            url = postage.path("label_url").asText();
            format = formatOf(postage.path("label_file_type").asText("image/png"));
        }
        // Label URLs are pre-signed storage links: no API credentials are sent to them.
        byte[] content = http.download(URI.create(url), Map.of());
        JsonNode selected = shipment.path("selected_rate");
        Money cost = selected.path("rate").isTextual()
                ? Money.of(selected.path("rate").asText(), selected.path("currency").asText("USD")) : quote.cost();
        return new PurchasedLabel(shipment.path("tracking_code").asText(), shipment.path("id").asText(), format,
                content, cost);
    }

    private static LabelFormat formatOf(String fileType) {
        String type = fileType.toLowerCase();
        if (type.contains("pdf")) {
            return LabelFormat.PDF;
        }
        if (type.contains("zpl")) {
            return LabelFormat.ZPL;
        }
        return LabelFormat.PNG;
    }

    /**
     * A refund is EasyPost's void. Its {@code refund_status} goes {@code submitted}, then {@code refunded} or
     * {@code rejected} once the carrier decided (days, for USPS); {@code not_applicable} (bill-on-scan carriers) never
     * changes. Only {@code refunded} is a done void; submitted is pending and polled ({@link #voidStatus}).
     */
    @Override
    public VoidOutcome voidLabel(String trackingNumber, String carrierShipmentRef) {
        return refundOutcome(trackingNumber, http.post(uri("/v2/shipments/" + carrierShipmentRef + "/refund"),
                http.json().createObjectNode(), auth));
    }

    @Override
    public VoidOutcome voidStatus(String trackingNumber, String carrierShipmentRef) {
        return refundOutcome(trackingNumber, http.get(uri("/v2/shipments/" + carrierShipmentRef), auth));
    }

    private VoidOutcome refundOutcome(String trackingNumber, JsonNode shipment) {
        String status = shipment.path("refund_status").asText("");
        return switch (status) {
            case "refunded" -> VoidOutcome.VOIDED;
            case "submitted" -> VoidOutcome.PENDING;
            case "rejected", "not_applicable" ->
                    throw new CarrierRejectedException(carrierId, "refund " + status + " for " + trackingNumber);
            default -> throw new CarrierUnavailableException(carrierId,
                    "refund answered without a known refund_status (" + status + ") for " + trackingNumber);
        };
    }

    @Override
    public List<CarrierTrackingUpdate> track(String trackingNumber, String carrierShipmentRef) {
        JsonNode shipment = http.get(uri("/v2/shipments/" + carrierShipmentRef), auth);
        return shipment.path("tracker").isObject() ? updates(shipment.path("tracker")) : List.of();
    }

    @Override
    public Optional<String> webhookDeliveryId(String body) {
        try {
            return Optional.ofNullable(http.json().readTree(body).path("id").asText(null));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Only tracker events carry tracking; other Event types (batch, refund, report...) are acknowledged and ignored. */
    @Override
    public List<CarrierTrackingUpdate> parseWebhook(String body) {
        JsonNode event;
        try {
            event = http.json().readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not JSON: " + e.getMessage(), e);
        }
        if (!"Event".equals(event.path("object").asText())) {
            throw new IllegalArgumentException("Not an EasyPost Event object");
        }
        JsonNode result = event.path("result");
        if (!"Tracker".equals(result.path("object").asText())) {
            return List.of();
        }
        return updates(result);
    }

    /**
     * EasyPost sends the tracker's whole history with every update; each tracking detail becomes one update, and the
     * tracking history's deduplication keeps each only once.
     */
    private List<CarrierTrackingUpdate> updates(JsonNode tracker) {
        String trackingCode = tracker.path("tracking_code").asText();
        String signedBy = tracker.path("signed_by").asText(null);
        List<CarrierTrackingUpdate> updates = new ArrayList<>();
        for (JsonNode detail : tracker.path("tracking_details")) {
            String status = detail.path("status").asText("unknown");
            Instant at = instant(detail.path("datetime").asText(null));
            if (at == null) {
                continue;
            }
            boolean delivered = "delivered".equals(status);
            updates.add(new CarrierTrackingUpdate(trackingCode, null, status,
                    detail.path("status_detail").asText(null), at, location(detail.path("tracking_location")),
                    detail.path("message").asText(null),
                    delivered ? new ProofOfDelivery(at, signedBy, null,
                            tracker.path("id").isTextual() ? "easypost:tracker/" + tracker.path("id").asText() : null)
                            : null));
        }
        if (updates.isEmpty() && tracker.path("status").isTextual()) {
            Instant at = instant(tracker.path("updated_at").asText(null));
            updates.add(new CarrierTrackingUpdate(trackingCode, null, tracker.path("status").asText(),
                    tracker.path("status_detail").asText(null), at != null ? at : Instant.now(), null, null, null));
        }
        return updates;
    }

    private static String location(JsonNode location) {
        if (!location.isObject()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("city", "state", "zip", "country")) {
            if (location.path(field).isTextual() && !location.path(field).asText().isBlank()) {
                parts.add(location.path(field).asText());
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private ObjectNode address(Address address) {
        ObjectNode node = http.json().createObjectNode();
        node.put("name", address.name());
        node.put("company", address.company());
        node.put("street1", address.street1());
        node.put("street2", address.street2());
        node.put("city", address.city());
        node.put("state", address.region());
        node.put("zip", address.postalCode());
        node.put("country", address.countryCode());
        node.put("phone", address.phone());
        node.put("email", address.email());
        return node;
    }

    private ObjectNode parcel(Parcel parcel) {
        ObjectNode node = http.json().createObjectNode();
        node.put("weight", parcel.weightKg().multiply(OUNCES_PER_KG).setScale(1, RoundingMode.UP));
        if (parcel.lengthCm() != null && parcel.widthCm() != null && parcel.heightCm() != null) {
            node.put("length", inches(parcel.lengthCm()));
            node.put("width", inches(parcel.widthCm()));
            node.put("height", inches(parcel.heightCm()));
        }
        return node;
    }

    private static BigDecimal inches(BigDecimal cm) {
        return cm.divide(CM_PER_INCH, 1, RoundingMode.UP);
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at = instant(text);
        if (at != null) {
            return LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(text.substring(0, Math.min(10, text.length())));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
