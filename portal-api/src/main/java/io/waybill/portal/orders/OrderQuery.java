package io.waybill.portal.orders;

import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a customer asked of their order list, validated: an optional customer status, an inclusive date range of
 * placement (UTC days), a sort key and a page.
 */
public record OrderQuery(String status, LocalDate placedFrom, LocalDate placedTo, Sort sort, int page, int size) {

    public static final int MAX_PAGE_SIZE = 100;

    /** The orders list's sort keys, with the direction given by a leading {@code -}. */
    public enum Sort {
        PLACED_AT_ASC("placedAt", "placedAt", true),
        PLACED_AT_DESC("-placedAt", "placedAt", false),
        ORDER_NUMBER_ASC("orderNumber", "orderNumber", true),
        ORDER_NUMBER_DESC("-orderNumber", "orderNumber", false),
        LAST_UPDATE_ASC("asOf", "asOf", true),
        LAST_UPDATE_DESC("-asOf", "asOf", false);

        final String parameter;
        final String field;
        final boolean ascending;

        Sort(String parameter, String field, boolean ascending) {
            this.parameter = parameter;
            this.field = field;
            this.ascending = ascending;
        }

        static Sort parse(String value, List<Problem.FieldError> errors) {
            if (value == null || value.isBlank()) {
                return PLACED_AT_DESC;
            }
            for (Sort sort : values()) {
                if (sort.parameter.equals(value.trim())) {
                    return sort;
                }
            }
            errors.add(new Problem.FieldError("sort",
                    "sort must be one of placedAt, -placedAt, orderNumber, -orderNumber, asOf, -asOf"));
            return PLACED_AT_DESC;
        }
    }

    public static OrderQuery parse(String status, String placedFrom, String placedTo, String sort, int page, int size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate from = date("placedFrom", placedFrom, errors);
        LocalDate to = date("placedTo", placedTo, errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new Problem.FieldError("placedTo", "placedTo must not be before placedFrom"));
        }
        if (page < 0) {
            errors.add(new Problem.FieldError("page", "page starts at 0"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new Problem.FieldError("size", "size must be between 1 and " + MAX_PAGE_SIZE));
        }
        Sort order = Sort.parse(sort, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-order-query", "The order query is invalid", errors);
        }
        return new OrderQuery(status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT),
                from, to, order, page, size);
    }

    private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, field + " must be a date like 2026-11-23"));
            return null;
        }
    }
}
