package io.waybill.model.shipment;

import java.time.Instant;
import java.util.Objects;

/**
 * What a carrier gives as evidence of delivery: when, who signed, and references to the photo or signature image
 * the carrier keeps (Waybill stores the references, not the images).
 */
public record ProofOfDelivery(Instant deliveredAt, String signer, String photoRef, String signatureRef) {

    public ProofOfDelivery {
        Objects.requireNonNull(deliveredAt, "deliveredAt is required: a proof of delivery says when");
    }

    /** A stable reference to quote in disputes: the photo if there is one, else the signature, else the carrier scan. */
    public String reference(String fallback) {
        if (photoRef != null && !photoRef.isBlank()) {
            return photoRef;
        }
        if (signatureRef != null && !signatureRef.isBlank()) {
            return signatureRef;
        }
        return fallback;
    }
}
