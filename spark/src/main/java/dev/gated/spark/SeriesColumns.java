package dev.gated.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The three columns of a long table of many series, one row per (series, time):
 * <pre>
 *   id     any type, read as text      which series the row belongs to (a meter, a store × product)
 *   time   text, date, timestamp or a number   orders the rows of a series; text labels in the formats the CSV
 *                                               reader parses (yyyy-MM, yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, ISO)
 *   value  any numeric type, or text holding numbers; null or NaN = missing (filled by the DataSpec's policy)
 * </pre>
 *
 * @param id    the series-id column's name
 * @param time  the time column's name
 * @param value the value column's name: the target every model forecasts
 */
public record SeriesColumns(String id, String time, String value) implements Serializable {

    public SeriesColumns {
        named(id, "id");
        named(time, "time");
        named(value, "value");
        if (id.equals(time) || id.equals(value) || time.equals(value)) {
            throw new IllegalArgumentException("the id, time and value columns must be three different columns, got \""
                    + id + "\", \"" + time + "\", \"" + value + "\"");
        }
    }

    private static void named(String name, String role) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name the " + role + " column (e.g. new SeriesColumns(\"meter\", "
                    + "\"time\", \"kwh\"))");
        }
    }

    /** Fails, naming the column, what was expected and the columns there are, unless {@code schema} fits. */
    public void check(StructType schema, String source) {
        require(schema, source, id, "id", null);
        require(schema, source, time, "time", null);
        require(schema, source, value, "value", "numbers");
    }

    private static void require(StructType schema, String source, String name, String role, String expected) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(source + ": there is no " + role + " column \"" + name
                    + "\"; the columns are " + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(name).dataType();
        if (expected != null && !(type instanceof NumericType) && type != DataTypes.StringType) {
            throw new IllegalArgumentException(source + ": the " + role + " column \"" + name + "\" is "
                    + type.simpleString() + " but must hold " + expected);
        }
        if (role.equals("time") && !timeType(schema.apply(name))) {
            throw new IllegalArgumentException(source + ": the time column \"" + name + "\" is "
                    + type.simpleString() + "; expected text, a date, a timestamp or a number");
        }
    }

    private static boolean timeType(StructField f) {
        String t = f.dataType().typeName().toLowerCase(Locale.ROOT);
        return f.dataType() instanceof NumericType || t.equals("string") || t.startsWith("date")
                || t.startsWith("timestamp");
    }
}
