package dev.gated.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.gated.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (CPU): the independent engine the exported graphs are checked against. */
final class OrtRunner implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final Map<String, OnnxTensor> feeds = new LinkedHashMap<>();

    OrtRunner(byte[] model) throws OrtException {
        session = env.createSession(model, new OrtSession.SessionOptions());
    }

    OrtRunner floats(String name, Tensor x) throws OrtException {
        feeds.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), longs(x.shape())));
        return this;
    }

    OrtRunner tokens(String name, Tensor x) throws OrtException {
        long[] ids = new long[x.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) x.get(i);
        }
        feeds.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), longs(x.shape())));
        return this;
    }

    OrtRunner lengths(String name, int[] lengths) throws OrtException {
        feeds.put(name, OnnxTensor.createTensor(env, IntBuffer.wrap(lengths), new long[] {lengths.length}));
        return this;
    }

    /** Runs the model on the inputs given so far: one float tensor per output, in the model's order. */
    List<Tensor> run() throws OrtException {
        List<Tensor> out = new ArrayList<>();
        try (OrtSession.Result result = session.run(feeds)) {
            for (int k = 0; k < result.size(); k++) {
                OnnxTensor t = (OnnxTensor) result.get(k);
                FloatBuffer buffer = t.getFloatBuffer();
                float[] data = new float[buffer.remaining()];
                buffer.get(data);
                long[] shape = t.getInfo().getShape();
                int[] dims = new int[shape.length];
                for (int i = 0; i < dims.length; i++) {
                    dims[i] = (int) shape[i];
                }
                out.add(Tensor.of(data, dims));
            }
        }
        for (OnnxTensor t : feeds.values()) {
            t.close();
        }
        feeds.clear();
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private static long[] longs(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }
}
