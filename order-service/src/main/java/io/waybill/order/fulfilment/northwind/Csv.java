package io.waybill.order.fulfilment.northwind;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV, the little of it the exchange needs: quoting on write, quoted fields on read. */
final class Csv {

    private Csv() {
    }

    static String row(List<String> fields) {
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) {
            String value = field == null ? "" : field;
            quoted.add(value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                    ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
        }
        return String.join(",", quoted) + "\r\n";
    }

    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(current.toString());
        return fields;
    }
}
