package dev.gated.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.timeseries.csv.MissingValuePolicy;
import dev.gated.timeseries.scale.ScalerKind;
import dev.gated.timeseries.split.ChronologicalSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the model file stores reads back equal, and bad settings are refused naming the option. */
class SettingsRoundTripTest {

    @Test
    void hyperParametersRoundTrip() {
        HyperParameters hp = new HyperParameters(32, 2, 96, 24, 4, 10, 64, 0.002, 7, 3, 0.1, 1.0, true);
        assertEquals(hp, HyperParameters.fromMap(hp.toMap()));
    }

    @Test
    void dataSpecRoundTrip() {
        DataSpec spec = new DataSpec("OT", List.of("HUFL", "OT"), "date", MissingValuePolicy.INTERPOLATE,
                ScalerKind.STANDARD, SplitSpec.parse("0.67", "8640,11520,14400", 0), 24, 0);
        DataSpec back = DataSpec.fromMap(spec.toMap());
        assertEquals(spec.target(), back.target());
        assertEquals(spec.features(), back.features());
        assertEquals(spec.timeColumn(), back.timeColumn());
        assertEquals(spec.missing(), back.missing());
        assertEquals(spec.scaler(), back.scaler());
        assertArrayEquals(spec.split().rows(), back.split().rows());
        assertEquals(24, back.period());
    }

    @Test
    void splitsApplyAsTheProtocolsSay() {
        ChronologicalSplit airline = SplitSpec.parse("0.67", null, 0).apply(144, "airline.csv");
        assertEquals(96, airline.train().end());
        assertEquals(144, airline.test().end());
        ChronologicalSplit ett = SplitSpec.parse("0.67", "8640,11520,14400", 0).apply(17420, "ETTh1.csv");
        assertEquals(ChronologicalSplit.INFORMER_ETT_HOUR, ett);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> SplitSpec.parse("0.67", "8640,11520,14400", 0).apply(1000, "small.csv"));
        assertTrue(tooShort.getMessage().contains("small.csv has 1000 rows"), tooShort.getMessage());
    }

    @Test
    void badSettingsNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("0.7,0.4", null, 0))
                .getMessage().startsWith("--split"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("0.6,0.2", null, 0.1))
                .getMessage().startsWith("--val-split"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("x", "1,2", 0))
                .getMessage().startsWith("--split-rows"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HyperParameters(0, 1, 1, 1, 1, 1, 1, 0.1, 1, 0, 0, 0, false)).getMessage().startsWith("--units"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HyperParameters(1, 1, 1, 1, 1, 1, 1, 0.1, 1, 0, 1.0, 0, false)).getMessage().startsWith("--dropout"));
    }
}
