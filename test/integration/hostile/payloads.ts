// Hostile payloads for the integration tests, one per fault, with the serializer id they claim.
import { gzipSync } from 'node:zlib';
import { bigInteger, hashMapWithSharedKeys, selfReferencingNode, selfSuperclassObject } from '../../unit/hostile/java-stream.js';

export interface HostilePayload {
  name: string;
  serializerId: number;
  manifest: string;
  bytes: Buffer;
  /** What the row's decodeError must say with the default limits; null: it decodes. */
  error: RegExp | null;
}

const MiB = 1024 * 1024;

function gzipBomb(): Buffer {
  const json = Buffer.alloc(20 * MiB, 0x61);
  json[0] = 0x22;
  json[json.length - 1] = 0x22;
  return gzipSync(json, { level: 1 });
}

const magnitude = Buffer.alloc(300_000, 0x5a);

export function hostilePayloads(): HostilePayload[] {
  return [
    { name: 'java self-superclass', serializerId: 1, manifest: '', bytes: selfSuperclassObject(), error: /names itself as its own superclass/ },
    { name: 'gzip bomb', serializerId: 31, manifest: 'com.example.Big', bytes: gzipBomb(), error: /limits\.maxEventBytes \(16777216\); raise it with/ },
    { name: 'lz4 4 GiB claim', serializerId: 31, manifest: 'com.example.Big', bytes: Buffer.from([0x87, 0xd9, 0x6d, 0xf6, 0xff, 0xff, 0xff, 0xff, 0x10, 0x41]), error: /limits\.maxEventBytes/ },
    { name: 'cbor bignum', serializerId: 33, manifest: 'com.example.Big', bytes: Buffer.concat([Buffer.from([0xc2, 0x5a, 0x00, 0x04, 0x93, 0xe0]), magnitude]), error: /limits\.maxBignumDigits \(4096\)/ },
    { name: 'java BigInteger', serializerId: 1, manifest: '', bytes: bigInteger(magnitude), error: /limits\.maxBignumDigits \(4096\)/ },
    { name: 'java map keys sharing one wide array', serializerId: 1, manifest: '', bytes: hashMapWithSharedKeys(20_000, 20_000), error: null },
    { name: 'java cyclic graph', serializerId: 1, manifest: '', bytes: selfReferencingNode(), error: null },
  ];
}
