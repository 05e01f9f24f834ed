package dev.gated.timeseries.csv;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * The header line of a CSV file: the column names (trimmed), which must be non-blank and unique.
 *
 * @param names the column names in file order; the 1-based column number of names.get(i) is i + 1
 * @param line  the 1-based line of the header in the file (1 unless blank lines come first)
 */
record Header(List<String> names, int line) {

    static Header of(CSVRecord record, String source, int line) {
        List<String> names = new ArrayList<>(record.size());
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).trim();
            if (name.isEmpty()) {
                throw new CsvFormatException(source, line, "", i + 1,
                        "expected a column name in the header but found an empty field; name every column");
            }
            int previous = names.indexOf(name);
            if (previous >= 0) {
                throw new CsvFormatException(source, line, name, i + 1, "column name \"" + name
                        + "\" already names column " + (previous + 1) + "; column names must be unique");
            }
            names.add(name);
        }
        return new Header(List.copyOf(names), line);
    }

    int size() {
        return names.size();
    }

    /** Checks that the record on {@code line} has as many fields as this header. */
    void requireWidth(CSVRecord r, int line, String source) {
        if (r.size() != size()) {
            throw CsvFormatException.ofLine(source, line, "expected " + size() + " fields as in the header ("
                    + String.join(", ", names) + ") but found " + r.size() + (r.size() == 1 ? " (wrong delimiter?)" : ""));
        }
    }
}
