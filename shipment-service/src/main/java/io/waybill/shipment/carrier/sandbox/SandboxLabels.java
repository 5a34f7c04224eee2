package io.waybill.shipment.carrier.sandbox;

import io.waybill.model.shipment.LabelFormat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Real, printable labels for the sandbox: a one-page PDF, or a ZPL II program for thermal printers. */
final class SandboxLabels {

    private SandboxLabels() {
    }

    static byte[] render(LabelFormat format, String carrierId, String trackingNumber, String service, String shipTo) {
        return switch (format) {
            case ZPL -> zpl(carrierId, trackingNumber, service, shipTo);
            case PDF, PNG -> pdf(carrierId, trackingNumber, service, shipTo);
        };
    }

    static byte[] zpl(String carrierId, String trackingNumber, String service, String shipTo) {
        return ("^XA\n"
                + "^CI28\n"
                + "^FO40,40^A0N,50,50^FD" + clean(carrierId.toUpperCase()) + " " + clean(service) + "^FS\n"
                + "^FO40,110^A0N,30,30^FD" + clean(shipTo) + "^FS\n"
                + "^FO40,170^BY3^BCN,120,Y,N,N^FD" + clean(trackingNumber) + "^FS\n"
                + "^XZ\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A minimal PDF 1.4 with correct xref offsets, so any viewer or printer driver opens it. */
    static byte[] pdf(String carrierId, String trackingNumber, String service, String shipTo) {
        String text = "BT /F1 18 Tf 30 250 Td (" + pdfText(carrierId.toUpperCase() + " " + service) + ") Tj "
                + "0 -30 Td /F1 12 Tf (" + pdfText(shipTo) + ") Tj "
                + "0 -40 Td /F1 22 Tf (" + pdfText(trackingNumber) + ") Tj ET";
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + text.getBytes(StandardCharsets.US_ASCII).length + " >>\nstream\n" + text + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        write(out, "%PDF-1.4\n");
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        write(out, table + "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String pdfText(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?").replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    private static String clean(String s) {
        return s.replace("^", " ").replace("~", " ");
    }
}
