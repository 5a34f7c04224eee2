package io.waybill.order.saga;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waybill.events.EventJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;

/** An order's fulfilment parts as one JSON column: they are only ever read and written with their saga. */
@Converter
public class FulfilmentPartsConverter implements AttributeConverter<List<FulfilmentPart>, String> {

    private static final TypeReference<List<FulfilmentPart>> PARTS = new TypeReference<>() { };

    @Override
    public String convertToDatabaseColumn(List<FulfilmentPart> parts) {
        return EventJson.write(parts == null ? List.of() : parts);
    }

    @Override
    public List<FulfilmentPart> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(EventJson.mapper().readValue(column, PARTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored fulfilment parts are not readable", e);
        }
    }
}
