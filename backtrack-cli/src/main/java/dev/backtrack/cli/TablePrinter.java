package dev.backtrack.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Prints rows as an aligned text table: numbers right-aligned, text left-aligned. */
final class TablePrinter {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TablePrinter(String... headers) {
        this.headers = List.of(headers);
    }

    TablePrinter row(@Nullable Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("Expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= row.get(c).matches("-?\\d+|-");
            }
        }
        out.println(line(headers, widths, numeric));
        for (List<String> row : rows) {
            out.println(line(row, widths, numeric));
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(numeric[c] ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
        }
        return line.toString();
    }
}
