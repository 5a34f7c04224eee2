package io.waybill.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The figures as Markdown: readable in a terminal as printed, and ready to paste into a README. */
final class Report {

    private final StringBuilder text = new StringBuilder();

    Report heading(String heading) {
        text.append('\n').append(heading).append("\n\n");
        return this;
    }

    Report line(String line) {
        text.append(line).append('\n');
        return this;
    }

    Report paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
        return this;
    }

    /** A table whose columns are as wide as their widest cell, so it lines up in a terminal too. */
    Report table(List<String> header, List<List<String>> rows, boolean[] rightAligned) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], Math.max(3, row.get(i).length()));
            }
        }
        appendRow(header, widths, rightAligned);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            boolean right = rightAligned != null && i < rightAligned.length && rightAligned[i];
            rule.append(' ').append("-".repeat(widths[i] - 1)).append(right ? ':' : '-').append(" |");
        }
        text.append(rule).append('\n');
        for (List<String> row : rows) {
            appendRow(row, widths, rightAligned);
        }
        text.append('\n');
        return this;
    }

    private void appendRow(List<String> row, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = i < row.size() ? row.get(i) : "";
            boolean right = rightAligned != null && i < rightAligned.length && rightAligned[i];
            String padded = right ? " ".repeat(widths[i] - cell.length()) + cell : cell + " ".repeat(widths[i] - cell.length());
            line.append(' ').append(padded).append(" |");
        }
        text.append(line).append('\n');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
