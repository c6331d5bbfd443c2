// User events serialized with protobuf: Akka's ProtobufSerializer (id 2) or ScalaPB, or any custom
// serializer id that writes protobuf messages. The manifest is the generated class name
// (`com.example.Proto$ItemAdded` for protoc's Java outer-class style, `com.example.ItemAdded`
// for java_multiple_files or ScalaPB), which maps to a message type of the given schema.

import protobuf from 'protobufjs';
import type { IConversionOptions, Root, Type } from 'protobufjs';
import { OptionError } from '../errors.js';
import type { DecodeFn } from '../types.js';

/** A parsed protobufjs Root, with optional manifest → fully-qualified message name mappings. */
export interface ProtobufRootSchema {
  root: Root;
  types?: Record<string, string>;
}

/** `.proto` source text (one file or several), with optional manifest → message name mappings. */
export interface ProtobufSourceSchema {
  proto: string | string[];
  types?: Record<string, string>;
}

export type ProtobufSchema = Root | ProtobufRootSchema | ProtobufSourceSchema;

export interface ProtobufDecoderOptions {
  /** int64 fields as `'number'` (exact up to 2^53) or `'string'` (always exact). Default `'number'`. */
  longs?: 'number' | 'string';
  /** Fill fields that are absent on the wire with their defaults. Default `true`. */
  defaults?: boolean;
}

export const protobufDecoderDefaults: Required<ProtobufDecoderOptions> = { longs: 'number', defaults: true };

/**
 * A DecodeFn for protobuf payloads: finds the message type from the manifest, decodes, and
 * returns a plain object (enums as names, int64 as numbers or strings, bytes as Uint8Array,
 * absent fields with defaults). The manifest is tried as given in `types`, then as the message's
 * full name, with `$` read as `.`, without the Java outer class (`pkg.Outer$Msg` → `pkg.Msg`),
 * and finally by its simple name anywhere in the schema. An empty manifest works when the schema
 * has one message type, or through `types: { '': 'pkg.Msg' }`.
 * Throws an OptionError when the schema is not usable; decoding throws (and the registry reports
 * a DecodeError) when no type matches the manifest or the bytes are not that message.
 *
 * @example
 * const decoders = { '2': protobufDecoder({ proto: 'syntax = "proto3"; package shop; message ItemAdded { string id = 1; }' }) };
 * const registry = createDecoderRegistry(decoders);
 * registry.decode(2, 'shop.Events$ItemAdded', bytes); // { id: 'sku-1' }
 */
export function protobufDecoder(schema: ProtobufSchema, options: ProtobufDecoderOptions = {}): DecodeFn {
  const { root, types } = maybeRoot(schema);
  const conversion: IConversionOptions = {
    longs: (options.longs ?? protobufDecoderDefaults.longs) === 'string' ? String : Number,
    enums: String,
    defaults: options.defaults ?? protobufDecoderDefaults.defaults,
    arrays: true,
    objects: true,
    oneofs: true,
  };
  const byManifest = new Map<string, Type>();
  return function decodeProtobuf(bytes, manifest) {
    let type = byManifest.get(manifest);
    if (type === undefined) {
      type = typeForManifest(root, types, manifest);
      byManifest.set(manifest, type);
    }
    return type.toObject(type.decode(bytes), conversion);
  };
}

function maybeRoot(schema: ProtobufSchema): { root: Root; types: Record<string, string> } {
  if (schema instanceof protobuf.Root) return { root: schema, types: {} };
  if (typeof schema !== 'object' || schema === null) {
    throw new OptionError('schema', `protobufDecoder needs a protobufjs Root, { root, types } or { proto, types }, got ${String(schema)}.`);
  }
  const types = schema.types ?? {};
  if ('root' in schema && schema.root instanceof protobuf.Root) return { root: schema.root, types };
  if ('proto' in schema) {
    const root = new protobuf.Root();
    const sources = Array.isArray(schema.proto) ? schema.proto : [schema.proto];
    for (let i = 0; i < sources.length; i++) {
      try {
        protobuf.parse(sources[i]!, root, { keepCase: true });
      } catch (e) {
        throw new OptionError('schema', `protobufDecoder could not parse .proto source #${i + 1}: ${(e as Error).message}.`, { cause: e });
      }
    }
    root.resolveAll();
    return { root, types };
  }
  throw new OptionError('schema', 'protobufDecoder needs a protobufjs Root, { root, types } or { proto, types }.');
}

function typeForManifest(root: Root, types: Record<string, string>, manifest: string): Type {
  const candidates: string[] = [];
  if (Object.prototype.hasOwnProperty.call(types, manifest)) candidates.push(types[manifest]!);
  if (manifest !== '') {
    candidates.push(manifest, manifest.replace(/\$/g, '.'));
    const dollar = manifest.indexOf('$');
    if (dollar >= 0) {
      const dot = manifest.lastIndexOf('.', dollar);
      candidates.push(manifest.slice(0, dot + 1) + manifest.slice(dollar + 1).replace(/\$/g, '.'));
    }
  }
  for (const name of candidates) {
    const found = root.lookup(name.startsWith('.') ? name : `.${name}`, [protobuf.Type]);
    if (found instanceof protobuf.Type) return found;
  }
  const all = allTypes(root);
  if (manifest !== '') {
    const simple = manifest.slice(Math.max(manifest.lastIndexOf('.'), manifest.lastIndexOf('$')) + 1);
    const matches = all.filter((t) => t.name === simple);
    if (matches.length === 1) return matches[0]!;
  } else if (all.length === 1) return all[0]!;
  const known = all.slice(0, 12).map((t) => t.fullName.slice(1)).join(', ');
  throw new Error(`no protobuf message type for manifest '${manifest}' (tried ${candidates.length ? candidates.join(', ') : 'none'} and the simple name); the schema has ${all.length} message type(s): ${known}${all.length > 12 ? ', …' : ''}. Map it with protobufDecoder(schema with types: { '${manifest}': '<package.Message>' })`);
}

function allTypes(ns: protobuf.NamespaceBase): Type[] {
  const out: Type[] = [];
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested);
    if (nested instanceof protobuf.Namespace) out.push(...allTypes(nested));
  }
  return out;
}
