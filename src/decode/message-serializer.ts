// Serializer 7, akka-persistence MessageSerializer (MessageFormats.proto, proto2), chosen by the
// manifest (a class name, akka.* or org.apache.pekko.*), docs/journal-formats.md §3.1, §3.2:
//   …PersistentImpl / PersistentRepr / other → PersistentMessage → its payload, decoded
//   …AtomicWrite { 1 repeated PersistentMessage } → array of decoded payloads
//   …PersistentFSM$StateChangeEvent { 1 stateIdentifier, 2 timeout string (pre-2.4.5), 3 timeoutNanos int64 }
//   …PersistentFSM$PersistentFSMSnapshot { 1 stateIdentifier, 2 data PersistentPayload, 3 timeoutNanos }
//   …AtLeastOnceDelivery$AtLeastOnceDeliverySnapshot { 1 currentDeliveryId int64,
//       2 repeated UnconfirmedDelivery { 1 deliveryId int64, 2 destination string, 3 payload PersistentPayload } }

import type { DecoderRegistry, DecodeFn, SerializedPayload } from '../types.js';
import { persistentReprFromBytes } from './persistent-repr.js';
import { serializedPayloadFromProtobuf } from './persistent-payload.js';
import { WireReader } from './protobuf-wire.js';
import { stringFromUtf8 } from './utf8.js';

/**
 * A decoder for serializer 7 that decodes nested payloads through `registry`.
 *
 * @example
 * registry.register(7, messageSerializerDecoder(registry));
 */
export function messageSerializerDecoder(registry: DecoderRegistry): DecodeFn {
  const decode = (p: SerializedPayload): unknown => registry.decode(p.serializerId, p.manifest, p.bytes);
  return function decodePersistenceMessage(bytes, manifest) {
    if (manifest.endsWith('PersistentFSM$StateChangeEvent')) return stateChangeEvent(bytes);
    if (manifest.endsWith('PersistentFSM$PersistentFSMSnapshot')) return fsmSnapshot(bytes, decode);
    if (manifest.endsWith('AtLeastOnceDelivery$AtLeastOnceDeliverySnapshot')) return atLeastOnceSnapshot(bytes, decode);
    if (manifest.endsWith('AtomicWrite')) {
      const out: unknown[] = [];
      const r = new WireReader(bytes);
      while (r.more()) {
        const tag = r.tag();
        if (tag === 0x0a) out.push(decode(persistentReprFromBytes(r.bytesView()).payload));
        else r.skip(tag & 7);
      }
      return out;
    }
    return decode(persistentReprFromBytes(bytes).payload);
  };
}

function stateChangeEvent(bytes: Uint8Array): { stateIdentifier: string; timeoutNanos: number | null; timeout?: string } {
  const r = new WireReader(bytes);
  const out: { stateIdentifier: string; timeoutNanos: number | null; timeout?: string } = { stateIdentifier: '', timeoutNanos: null };
  while (r.more()) {
    const tag = r.tag();
    if (tag === 0x0a) out.stateIdentifier = stringFromUtf8(r.bytesView());
    else if (tag === 0x12) out.timeout = stringFromUtf8(r.bytesView());
    else if (tag === 0x18) out.timeoutNanos = Number(r.int64());
    else r.skip(tag & 7);
  }
  return out;
}

function fsmSnapshot(bytes: Uint8Array, decode: (p: SerializedPayload) => unknown): unknown {
  const r = new WireReader(bytes);
  const out: { stateIdentifier: string; data: unknown; timeoutNanos: number | null } = { stateIdentifier: '', data: null, timeoutNanos: null };
  while (r.more()) {
    const tag = r.tag();
    if (tag === 0x0a) out.stateIdentifier = stringFromUtf8(r.bytesView());
    else if (tag === 0x12) out.data = decode(serializedPayloadFromProtobuf(r.bytesView()));
    else if (tag === 0x18) out.timeoutNanos = Number(r.int64());
    else r.skip(tag & 7);
  }
  return out;
}

function atLeastOnceSnapshot(bytes: Uint8Array, decode: (p: SerializedPayload) => unknown): unknown {
  const r = new WireReader(bytes);
  const out = { currentDeliveryId: 0, unconfirmedDeliveries: [] as { deliveryId: number; destination: string; message: unknown }[] };
  while (r.more()) {
    const tag = r.tag();
    if (tag === 0x08) out.currentDeliveryId = Number(r.int64());
    else if (tag === 0x12) {
      const view = r.bytesView();
      const d = new WireReader(view);
      const delivery = { deliveryId: 0, destination: '', message: null as unknown };
      while (d.more()) {
        const t = d.tag();
        if (t === 0x08) delivery.deliveryId = Number(d.int64());
        else if (t === 0x12) delivery.destination = stringFromUtf8(d.bytesView());
        else if (t === 0x1a) delivery.message = decode(serializedPayloadFromProtobuf(d.bytesView()));
        else d.skip(t & 7);
      }
      out.unconfirmedDeliveries.push(delivery);
    } else r.skip(tag & 7);
  }
  return out;
}
