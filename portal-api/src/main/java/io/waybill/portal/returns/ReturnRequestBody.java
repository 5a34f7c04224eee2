package io.waybill.portal.returns;

import io.waybill.model.Quantity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "What you want to send back, and why")
public record ReturnRequestBody(
        @NotEmpty @Size(max = 200) List<@Valid @NotNull Line> lines,
        @NotNull ReturnReason reason,
        @Size(max = 1000) @Schema(examples = "Two mugs arrived cracked.") String comment) {

    @Schema(description = "A product of the order and how many of it go back")
    public record Line(
            @NotBlank @Schema(examples = "MUG-BLUE-330") String sku,
            @NotNull Quantity quantity) {
    }
}
