package dev.gated.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import onnx.Onnx.TensorProto;

/**
 * ONNX {@code TensorProto} values as Java arrays: float32 and float64 as float[], int32 and int64 as long[],
 * read from {@code raw_data} (little-endian) or the typed fields, whichever the writer used.
 */
final class OnnxTensors {

    private OnnxTensors() {
    }

    static long[] dims(TensorProto t) {
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.getDims(i);
        }
        return d;
    }

    static long size(TensorProto t) {
        long n = 1;
        for (long d : dims(t)) {
            n *= d;
        }
        return n;
    }

    static boolean isFloat(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE || t.getDataType() == TensorProto.DataType.DOUBLE_VALUE;
    }

    static float[] floats(TensorProto t) {
        int n = (int) size(t);
        float[] out = new float[n];
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getRawData().isEmpty() ? t.getFloatData(i) : raw.getFloat(4 * i);
                }
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) (t.getRawData().isEmpty() ? t.getDoubleData(i) : raw.getDouble(8 * i));
                }
            }
            default -> throw new IllegalArgumentException("tensor \"" + t.getName() + "\" has data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + " where float32 was expected");
        }
        return out;
    }

    static long[] longs(TensorProto t) {
        int n = (int) size(t);
        long[] out = new long[n];
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getRawData().isEmpty() ? t.getInt64Data(i) : raw.getLong(8 * i);
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getRawData().isEmpty() ? t.getInt32Data(i) : raw.getInt(4 * i);
                }
            }
            default -> {
                float[] f = floats(t);
                for (int i = 0; i < n; i++) {
                    out[i] = (long) f[i];
                }
            }
        }
        return out;
    }
}
