/**
 * The one import of the ONNX protobuf definitions (`onnx-proto`, generated from onnx.proto by protobufjs):
 * everything in Distillery that reads or writes .onnx files goes through this module.
 */
import { onnx } from 'onnx-proto';

export { onnx };
