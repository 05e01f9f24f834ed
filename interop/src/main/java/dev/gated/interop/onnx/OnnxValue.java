package dev.gated.interop.onnx;

/**
 * A tensor flowing through the exported graph: its ONNX value name and, where the Gated value carries a mask,
 * the name of the int32 (B) tensor of sequence lengths that stands for it (null when unmasked).
 *
 * <p>A Gated mask is a (B, T) tensor of 1 (valid) and 0 (padding); ONNX's recurrent operators take lengths
 * instead, which is the same thing for masks whose padding is at the end of each row — the only masks the
 * exported graph represents.
 */
record OnnxValue(String name, String lengths) {

    OnnxValue withLengths(String value) {
        return new OnnxValue(name, value);
    }
}
