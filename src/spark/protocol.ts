// The Spark Connect messages, from the protocol descriptor generated out of Spark's own .proto files
// (generated/spark-connect-protocol.ts; scripts/lib/spark/generate-protocol.mjs writes it).
import protobuf from 'protobufjs';
import { sparkConnectProtocol } from './generated/spark-connect-protocol.js';

const root = protobuf.Root.fromJSON(sparkConnectProtocol);

/** Message types of package spark.connect, looked up once. */
export const SparkConnect = {
  ExecutePlanRequest: root.lookupType('spark.connect.ExecutePlanRequest'),
  ExecutePlanResponse: root.lookupType('spark.connect.ExecutePlanResponse'),
  ConfigRequest: root.lookupType('spark.connect.ConfigRequest'),
  ConfigResponse: root.lookupType('spark.connect.ConfigResponse'),
  InterruptRequest: root.lookupType('spark.connect.InterruptRequest'),
  InterruptResponse: root.lookupType('spark.connect.InterruptResponse'),
} as const;

/** gRPC method paths of service spark.connect.SparkConnectService. */
export const SPARK_CONNECT_METHOD = {
  executePlan: '/spark.connect.SparkConnectService/ExecutePlan',
  config: '/spark.connect.SparkConnectService/Config',
  interrupt: '/spark.connect.SparkConnectService/Interrupt',
} as const;

/** A serializer/deserializer pair for grpc-js, for one message type. */
export function codecOf(type: protobuf.Type): { serialize: (value: object) => Buffer; deserialize: (bytes: Buffer) => Record<string, unknown> } {
  return {
    serialize: (value) => Buffer.from(type.encode(type.fromObject(value)).finish()),
    deserialize: (bytes) => type.toObject(type.decode(bytes), { longs: String, enums: String, defaults: false }) as Record<string, unknown>,
  };
}
