/** Models in from Keras, TensorFlow.js and PyTorch; out as ONNX. */
package dev.gated.interop;
