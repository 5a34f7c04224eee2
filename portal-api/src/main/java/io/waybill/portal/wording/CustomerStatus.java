package io.waybill.portal.wording;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A status as customers see it: a stable code to program against and the sentence to show a person. */
@Schema(description = "A status in customer terms: a stable code and the wording to show")
public record CustomerStatus(
        @Schema(description = "Stable code to program against", examples = "DELAYED") String code,
        @Schema(description = "What to show a person", examples = "Delayed — we are on it") String wording) {
}
