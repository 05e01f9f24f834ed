package dev.gated.timeseries.testdata;

import java.util.Locale;
import java.util.Random;

/**
 * A daily-weather CSV shaped like the public "seattle-weather" table (date, precipitation, temp_max, temp_min,
 * wind, weather): synthetic, made here from a seed, so no file has to be shipped. An annual temperature cycle,
 * rain on about a third of the days, and a text column {@code weather} (drizzle, fog, rain, snow, sun) derived
 * from rain and temperature; a {@code station} text column holds one value per row (an identifier).
 * Shared by the tests of the modules above (forecast, studio, cli) through this module's test-jar.
 */
public final class WeatherCsv {

    private WeatherCsv() {
    }

    public static String text(int days) {
        Random r = new Random(2012);
        StringBuilder sb = new StringBuilder("date,precipitation,temp_max,temp_min,wind,weather,station\n");
        java.time.LocalDate d = java.time.LocalDate.of(2012, 1, 1);
        for (int t = 0; t < days; t++, d = d.plusDays(1)) {
            double season = Math.sin(2 * Math.PI * (t - 100) / 365.25);
            boolean wet = r.nextDouble() < 0.35 - 0.15 * season;
            double rain = wet ? Math.round(r.nextDouble() * 200) / 10.0 : 0;
            double max = Math.round((14 + 10 * season + (wet ? -2 : 1) + r.nextGaussian() * 2) * 10) / 10.0;
            double min = Math.round((max - 7 - r.nextDouble() * 3) * 10) / 10.0;
            double wind = Math.round((3 + r.nextDouble() * 3 + (wet ? 1 : 0)) * 10) / 10.0;
            String w = !wet ? (r.nextDouble() < 0.1 ? "fog" : "sun") : max < 3 ? "snow" : rain < 3 ? "drizzle" : "rain";
            sb.append(String.format(Locale.ROOT, "%s,%.1f,%.1f,%.1f,%.1f,%s,ST-%05d%n", d, rain, max, min, wind, w, t));
        }
        return sb.toString();
    }
}
