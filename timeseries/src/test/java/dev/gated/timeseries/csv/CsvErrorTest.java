package dev.gated.timeseries.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gives a one-line message with file, line, column and expected versus found. */
class CsvErrorTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private CsvFormatException fails(Path file, CsvReadOptions options) {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> TimeSeriesCsvReader.read(file, options));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private CsvFormatException fails(Path file) {
        return fails(file, CsvReadOptions.defaults());
    }

    @Test
    void emptyFile() throws Exception {
        CsvFormatException e = fails(write("empty.csv", ""));
        assertTrue(e.getMessage().contains("the file is empty: expected a header line"), e.getMessage());
        assertEquals(0, e.line());
        fails(write("blank.csv", "  \r\n\n"));
    }

    @Test
    void headerOnly() throws Exception {
        CsvFormatException e = fails(write("header.csv", "Month,Passengers\r\n"));
        assertEquals(dir.resolve("header.csv") + ": has a header line (Month,Passengers) but no data rows; "
                + "expected at least one row of values after line 1", e.getMessage());
    }

    @Test
    void missingColumnListsTheColumnsThatExist() throws Exception {
        Path f = write("a.csv", "Month,Passengers\n1949-01,112\n");
        CsvFormatException e = fails(f, CsvReadOptions.defaults().withValueColumns(List.of("passengers")));
        assertEquals(f + " line 1: no column \"passengers\" in the header (did you mean \"Passengers\"? names are "
                + "case-sensitive); the columns are \"Month\", \"Passengers\" (delimiter ',')", e.getMessage());
        CsvFormatException time = fails(f, CsvReadOptions.defaults().withTimeColumn("Date"));
        assertTrue(time.getMessage().contains("no time column \"Date\""), time.getMessage());
    }

    @Test
    void textInANumericColumn() throws Exception {
        Path f = write("airline.csv", "\"Month\",\"Passengers\"\r\n\"1949-01\",112\r\n\"1949-02\",n/a\r\n");
        CsvFormatException e = fails(f);
        assertEquals(f + " line 3, column \"Passengers\" (2): expected a number but found \"n/a\"; to fill missing "
                + "values choose a missing-value policy (interpolate, forward-fill or drop the row)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals("Passengers", e.columnName());
        assertEquals(2, e.columnIndex());
    }

    @Test
    void emptyCellAndTyposAndDecimalComma() throws Exception {
        CsvFormatException empty = fails(write("e.csv", "t,a,b\n2020-01,1,2\n2020-02,,3\n"));
        assertTrue(empty.getMessage().endsWith("line 3, column \"a\" (2): expected a number but found an empty "
                + "cell; to fill missing values choose a missing-value policy (interpolate, forward-fill or drop the row)"),
                empty.getMessage());
        // a policy fills gaps, not typos
        CsvFormatException typo = fails(write("typo.csv", "t,a\n2020-01,1\n2020-02,l2\n"),
                CsvReadOptions.defaults().withMissingValues(MissingValuePolicy.INTERPOLATE));
        assertTrue(typo.getMessage().contains("line 3, column \"a\" (2): expected a number but found \"l2\""),
                typo.getMessage());
        CsvFormatException comma = fails(write("comma.csv", "t;a\n2020-01;1,5\n"));
        assertTrue(comma.getMessage().contains("found \"1,5\" (a decimal comma? write decimals with a point, e.g. 1.5)"),
                comma.getMessage());
    }

    @Test
    void wrongNumberOfFields() throws Exception {
        Path f = write("short.csv", "date,a,b\n2020-01-01,1,2\n2020-01-02,3\n");
        CsvFormatException e = fails(f);
        assertEquals(f + " line 3: expected 3 fields as in the header (date, a, b) but found 2", e.getMessage());
    }

    @Test
    void zipFileGivenAsData() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write("{\"layers\":[]}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path f = Files.write(dir.resolve("model.gated"), bytes.toByteArray());
        CsvFormatException e = fails(f);
        assertTrue(e.getMessage().contains("this looks like a binary file (a Gated model?), not CSV"), e.getMessage());
    }

    @Test
    void nulBytesGzipAndInvalidUtf8() throws Exception {
        Path nul = Files.write(dir.resolve("nul.csv"), new byte[] {'a', ',', 'b', '\n', 1, 0, 2, '\n'});
        assertTrue(fails(nul).getMessage().contains("NUL byte at offset 5"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        Path gzip = Files.write(dir.resolve("data.csv.gz"), gz.toByteArray());
        assertTrue(fails(gzip).getMessage().contains("gzip"));
        Path latin1 = Files.write(dir.resolve("latin1.csv"), "t,v\nZ\u00fcrich,1\n".getBytes(StandardCharsets.ISO_8859_1));
        CsvFormatException e = fails(latin1);
        assertEquals(latin1 + " line 2: not valid UTF-8 text: byte 0xFC at offset 5; save the file as UTF-8",
                e.getMessage());
    }

    @Test
    void unclosedQuote() throws Exception {
        CsvFormatException e = fails(write("q.csv", "t,v\n2020-01,1\n\n\"2020-02,2\n2020-03,3\n2020-04,4\n"));
        assertTrue(e.getMessage().contains("q.csv line 4: malformed CSV: the double quote at column 1 of line 4 "
                + "opens a field that is never closed"), e.getMessage());
    }

    @Test
    void duplicateAndEmptyHeaderNames() throws Exception {
        CsvFormatException dup = fails(write("dup.csv", "date,HUFL,MUFL,MUFL\n2020-01-01,1,2,3\n"));
        assertTrue(dup.getMessage().endsWith("line 1, column \"MUFL\" (4): column name \"MUFL\" already names "
                + "column 3; column names must be unique"), dup.getMessage());
        CsvFormatException blank = fails(write("blank-name.csv", ",a\n1,2\n"));
        assertEquals(1, blank.columnIndex());
    }

    @Test
    void fileNotFound() {
        Path f = dir.resolve("nope.csv");
        assertTrue(fails(f).getMessage().contains("file not found"));
    }

    @Test
    void onlyATimeColumn() throws Exception {
        CsvFormatException e = fails(write("only-time.csv", "date\n2020-01-01\n"));
        assertTrue(e.getMessage().contains("no numeric columns"), e.getMessage());
    }
}
