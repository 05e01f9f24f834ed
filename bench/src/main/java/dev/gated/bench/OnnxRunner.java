package dev.gated.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.gated.interop.onnx.OnnxExport;
import dev.gated.model.Sequential;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime for Java (CPU execution provider): the Gated model of the same shape, exported by
 * {@code gated-interop} (ONNX {@code LSTM}/{@code GRU} with {@code linear_before_reset = 1}, then {@code Gemm}),
 * so both run the same weights; inference only (ONNX Runtime's Java API does not train). Before timing, its
 * output is compared with Gated's: a row is only timed when they agree within 1e-5.
 */
final class OnnxRunner implements Runner {

    private static OrtEnvironment environment;

    private final OrtSession session;
    private final OnnxTensor x;
    private final String inputName;
    final float maxDifference;

    static synchronized String load() {
        if (environment == null) {
            environment = OrtEnvironment.getEnvironment();
        }
        return "ONNX Runtime " + environment.getVersion();
    }

    OnnxRunner(Sequential model, Shape s, int threads, Data data, float[] gatedOutput) throws OrtException {
        load();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = environment.createSession(OnnxExport.toOnnx(model).toByteArray(), options);
        inputName = session.getInputNames().iterator().next();
        x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(data.x), new long[] {s.batch(), s.steps(), s.input()});
        float[] out = run();
        float worst = 0;
        for (int i = 0; i < out.length; i++) {
            worst = Math.max(worst, Math.abs(out[i] - gatedOutput[i]));
        }
        maxDifference = worst;
        if (out.length != gatedOutput.length || !(worst <= 1e-5f)) {
            throw new IllegalStateException("ONNX Runtime's output differs from Gated's by " + worst + " (" + out.length
                    + " vs " + gatedOutput.length + " values): not timed");
        }
    }

    private float[] run() throws OrtException {
        try (OrtSession.Result result = session.run(Map.of(inputName, x))) {
            OnnxTensor y = (OnnxTensor) result.get(0);
            FloatBuffer buffer = y.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        }
    }

    @Override
    public void train() {
        throw new UnsupportedOperationException("ONNX Runtime rows are inference only");
    }

    @Override
    public void infer() {
        try {
            run();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        x.close();
    }
}
