package io.waybill.billing.carrierbill;

import io.waybill.foundation.problem.Problem;
import io.waybill.foundation.problem.ProblemException;
import io.waybill.model.billing.ChargeCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A carrier's batch of bills as CSV (RFC 4180: comma separated, optional double quotes, header row), one row per
 * bill line; rows with the same {@code invoice_number} form one bill:
 * <pre>
 * invoice_number,invoice_date,currency,tracking_number,charge_code,amount,description
 * DHL-2026-118832,2026-11-24,EUR,JD014600006281230042,FREIGHT,7.10,Paket 5 kg
 * DHL-2026-118832,2026-11-24,EUR,JD014600006281230042,REWEIGH,6.80,"Re-weigh 4 kg -> 9 kg"
 * </pre>
 * The whole file is checked before anything is stored; every faulty cell is reported by row (the line in the file,
 * the header being row 1) and column name.
 */
public final class CarrierBillCsv {

    static final List<String> REQUIRED = List.of("invoice_number", "invoice_date", "currency", "tracking_number",
            "charge_code", "amount");
    static final String DESCRIPTION = "description";
    static final int MAX_ROWS = 5000;

    private CarrierBillCsv() {
    }

    /** The bills of the batch in file order, or a 422 problem naming every faulty row and column. */
    public static List<CarrierBillRequest> parse(String carrierId, String csv) {
        List<List<String>> rows = records(csv == null ? "" : csv);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            throw ProblemException.invalidField("invalid-carrier-bill-batch", "row 1", "The file is empty");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                errors.add(new Problem.FieldError("row 1, column " + required, "Missing header column " + required));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-carrier-bill-batch", "The carrier bill batch is not valid", errors);
        }
        if (rows.size() - 1 > MAX_ROWS) {
            throw ProblemException.invalidField("invalid-carrier-bill-batch", "row " + (MAX_ROWS + 2),
                    "A batch has at most " + MAX_ROWS + " rows");
        }

        Map<String, BillBuilder> bills = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int rowNumber = r + 1;
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                errors.add(new Problem.FieldError("row " + rowNumber,
                        "Has " + row.size() + " columns, the header has " + header.size()));
                continue;
            }
            Cells cells = new Cells(row, columns, rowNumber, errors);
            String number = cells.text("invoice_number", 100);
            LocalDate date = cells.date("invoice_date");
            String currency = cells.currency("currency");
            String tracking = cells.text("tracking_number", 100);
            ChargeCode code = cells.chargeCode("charge_code");
            BigDecimal amount = cells.amount("amount");
            String description = columns.containsKey(DESCRIPTION) ? row.get(columns.get(DESCRIPTION)).trim() : null;
            if (description != null && description.length() > 300) {
                errors.add(new Problem.FieldError(cells.field(DESCRIPTION), "At most 300 characters"));
            }
            if (number == null || date == null || currency == null || tracking == null || code == null || amount == null) {
                continue;
            }
            BillBuilder bill = bills.computeIfAbsent(number, n -> new BillBuilder(n, date, currency));
            if (!bill.date.equals(date)) {
                errors.add(new Problem.FieldError(cells.field("invoice_date"),
                        "Invoice " + number + " has date " + bill.date + " on an earlier row"));
            } else if (!bill.currency.equals(currency)) {
                errors.add(new Problem.FieldError(cells.field("currency"),
                        "Invoice " + number + " is in " + bill.currency + " on an earlier row"));
            } else {
                bill.lines.add(new CarrierBillRequest.Line(tracking, code,
                        description == null || description.isEmpty() ? null : description, amount));
            }
        }
        if (bills.isEmpty() && errors.isEmpty()) {
            errors.add(new Problem.FieldError("row 2", "The batch has no bill lines"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("invalid-carrier-bill-batch", "The carrier bill batch is not valid", errors);
        }
        return bills.values().stream()
                .map(b -> new CarrierBillRequest(carrierId, b.number, b.date, b.currency, b.lines))
                .toList();
    }

    private static final class BillBuilder {
        final String number;
        final LocalDate date;
        final String currency;
        final List<CarrierBillRequest.Line> lines = new ArrayList<>();

        BillBuilder(String number, LocalDate date, String currency) {
            this.number = number;
            this.date = date;
            this.currency = currency;
        }
    }

    /** Reads one row's cells by column name, recording what is wrong with each. */
    private record Cells(List<String> row, Map<String, Integer> columns, int rowNumber,
                         List<Problem.FieldError> errors) {

        String field(String column) {
            return "row " + rowNumber + ", column " + column;
        }

        String raw(String column) {
            return row.get(columns.get(column)).trim();
        }

        String text(String column, int maxLength) {
            String value = raw(column);
            if (value.isEmpty()) {
                errors.add(new Problem.FieldError(field(column), "Must not be empty"));
                return null;
            }
            if (value.length() > maxLength) {
                errors.add(new Problem.FieldError(field(column), "At most " + maxLength + " characters"));
                return null;
            }
            return value;
        }

        LocalDate date(String column) {
            String value = raw(column);
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError(field(column), "Not an ISO date (YYYY-MM-DD): '" + value + "'"));
                return null;
            }
        }

        String currency(String column) {
            String value = raw(column);
            if (!value.matches("[A-Z]{3}")) {
                errors.add(new Problem.FieldError(field(column), "Not an ISO 4217 currency code: '" + value + "'"));
                return null;
            }
            return value;
        }

        ChargeCode chargeCode(String column) {
            String value = raw(column);
            try {
                return ChargeCode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(field(column), "Unknown charge code '" + value + "', expected one of "
                        + Arrays.toString(ChargeCode.values())));
                return null;
            }
        }

        BigDecimal amount(String column) {
            String value = raw(column);
            if (!value.matches("-?[0-9]{1,15}(\\.[0-9]{1,4})?")) {
                errors.add(new Problem.FieldError(field(column), "Not a decimal amount with a dot: '" + value + "'"));
                return null;
            }
            return new BigDecimal(value);
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends. */
    static List<List<String>> records(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (fieldStarted || field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
