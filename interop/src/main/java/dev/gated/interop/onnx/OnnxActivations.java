package dev.gated.interop.onnx;

import dev.gated.layer.recurrent.Cell;
import dev.gated.layer.recurrent.CellActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import onnx.Onnx.AttributeProto;

/**
 * A recurrent cell's nonlinearities as the ONNX {@code RNN}, {@code GRU} and {@code LSTM} operators'
 * {@code activations}, {@code activation_alpha} and {@code activation_beta} attributes, and back.
 *
 * <pre>
 * per direction:  RNN [f]          f = activation
 *                 GRU [f, g]       f = recurrent_activation (z, r), g = activation (h)
 *                 LSTM [f, g, h]   f = recurrent_activation (i, o, f), g = activation (c̃), h = activation (o ⊙ h(C))
 * Gated              ONNX
 * tanh               Tanh
 * sigmoid            Sigmoid
 * relu               Relu
 * linear             Affine        α = 1, β = 0
 * hard_sigmoid_keras2  HardSigmoid α = 0.2, β = 0.5   (clip(αx + β, 0, 1))
 * hard_sigmoid_keras3  HardSigmoid α = 1/6, β = 0.5
 * </pre>
 * α and β are listed only for the functions that take them (Affine, HardSigmoid), in the order of the
 * functions — as ONNX Runtime consumes them; the attributes are written only when a cell leaves the defaults.
 */
final class OnnxActivations {

    private OnnxActivations() {
    }

    /** The cell's activation list for one direction, in the operator's order. */
    static List<CellActivation> of(Cell cell) {
        CellActivation a = cell.activation();
        CellActivation s = cell.recurrentActivation();
        return switch (cell.gateCount()) {
            case 1 -> List.of(a);
            case 3 -> List.of(s, a);
            default -> List.of(s, a, a);
        };
    }

    /** Whether every function is the operator's default at its place (σ for gates, tanh otherwise). */
    static boolean defaults(List<CellActivation> functions, int perDirection) {
        for (int k = 0; k < functions.size(); k++) {
            boolean gate = perDirection > 1 && k % perDirection == 0;
            if (functions.get(k) != (gate ? CellActivation.SIGMOID : CellActivation.TANH)) {
                return false;
            }
        }
        return true;
    }

    /** The three attributes for {@code functions} (all directions, in order), or none if they are the defaults. */
    static List<AttributeProto> attributes(List<CellActivation> functions, int perDirection) {
        if (defaults(functions, perDirection)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        List<Float> alpha = new ArrayList<>();
        List<Float> beta = new ArrayList<>();
        for (CellActivation f : functions) {
            names.add(onnxName(f));
            if (f == CellActivation.LINEAR) {
                alpha.add(1f);
                beta.add(0f);
            } else if (!Double.isNaN(f.hardSigmoidAlpha())) {
                alpha.add((float) f.hardSigmoidAlpha());
                beta.add(0.5f);
            }
        }
        List<AttributeProto> attrs = new ArrayList<>();
        attrs.add(OnnxGraphBuilder.strings("activations", names));
        if (!alpha.isEmpty()) {
            attrs.add(OnnxGraphBuilder.floats("activation_alpha", alpha));
            attrs.add(OnnxGraphBuilder.floats("activation_beta", beta));
        }
        return attrs;
    }

    private static String onnxName(CellActivation f) {
        return switch (f) {
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case RELU -> "Relu";
            case LINEAR -> "Affine";
            case HARD_SIGMOID_KERAS2, HARD_SIGMOID_KERAS3 -> "HardSigmoid";
        };
    }

    /**
     * The Gated activations named by an operator's {@code activations} with their α, β ({@code alpha},
     * {@code beta}: the attribute lists, consumed by the functions that take them; null if absent); throws
     * {@link IllegalArgumentException} naming the function for anything Gated's cells cannot compute.
     */
    static List<CellActivation> parse(List<String> names, List<Float> alpha, List<Float> beta) {
        List<CellActivation> out = new ArrayList<>();
        int ia = 0;
        int ib = 0;
        for (String name : names) {
            String key = name.toLowerCase(Locale.ROOT);
            switch (key) {
                case "tanh" -> out.add(CellActivation.TANH);
                case "sigmoid" -> out.add(CellActivation.SIGMOID);
                case "relu" -> out.add(CellActivation.RELU);
                case "affine" -> {
                    double a = alpha != null && ia < alpha.size() ? alpha.get(ia++) : 1.0;
                    double b = beta != null && ib < beta.size() ? beta.get(ib++) : 0.0;
                    if (a != 1.0 || b != 0.0) {
                        throw new IllegalArgumentException("activation Affine with alpha " + a + ", beta " + b
                                + ": Gated's cells take Affine only as the identity (alpha 1, beta 0)");
                    }
                    out.add(CellActivation.LINEAR);
                }
                case "hardsigmoid" -> {
                    double a = alpha != null && ia < alpha.size() ? alpha.get(ia++) : 0.2;
                    double b = beta != null && ib < beta.size() ? beta.get(ib++) : 0.5;
                    out.add(hardSigmoid(a, b));
                }
                default -> throw new IllegalArgumentException("activation " + name + " is not supported: Gated's "
                        + "cells take Tanh, Sigmoid, Relu, Affine (alpha 1, beta 0) and HardSigmoid (alpha 0.2 or 1/6, beta 0.5)");
            }
        }
        return out;
    }

    private static CellActivation hardSigmoid(double alpha, double beta) {
        if (Math.abs(beta - 0.5) < 1e-6) {
            if (Math.abs(alpha - 0.2) < 1e-6) {
                return CellActivation.HARD_SIGMOID_KERAS2;
            }
            if (Math.abs(alpha - 1.0 / 6.0) < 1e-6) {
                return CellActivation.HARD_SIGMOID_KERAS3;
            }
        }
        throw new IllegalArgumentException("activation HardSigmoid with alpha " + alpha + ", beta " + beta
                + ": Gated's cells take alpha 0.2 (Keras 2 / TF.js) or 1/6 (Keras 3) with beta 0.5");
    }
}
