package io.miguard.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table whose columns are padded, so it reads the same in a terminal and in README. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this(List.of(header), List.of());
  }

  /** A table whose columns are {@code first}, then {@code then}. */
  Table(List<String> first, List<String> then) {
    List<String> columns = new ArrayList<>(first);
    columns.addAll(then);
    this.header = List.copyOf(columns);
  }

  void row(Object... cells) {
    row(List.of(cells), List.of());
  }

  /** A row whose cells are {@code first}, then {@code then}. */
  void row(List<?> first, List<?> then) {
    List<String> row = new ArrayList<>();
    first.forEach(cell -> row.add(String.valueOf(cell)));
    then.forEach(cell -> row.add(String.valueOf(cell)));
    if (row.size() != header.size()) {
      throw new IllegalArgumentException("expected " + header.size() + " cells");
    }
    rows.add(row);
  }

  String render() {
    int[] widths = new int[header.size()];
    for (List<String> row : allRows()) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, header, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    line(text, rule, widths);
    rows.forEach(row -> line(text, row, widths));
    return text.toString();
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>(rows);
    all.add(header);
    return all;
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths) {
    text.append('|');
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      text.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    text.append('\n');
  }
}
