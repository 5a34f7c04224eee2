package io.waybill.order.reference;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /customers/{id}}. */
public record CustomerRecord(@NotBlank @Size(max = 300) String name, Boolean active) {

    public boolean isActive() {
        return active == null || active;
    }
}
