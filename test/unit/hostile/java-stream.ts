// Hand-made Java serialization streams (java.io.ObjectStreamConstants grammar), for payloads that
// no JVM would write: class descriptors that refer to themselves, huge BigInteger magnitudes.

const utf = (s: string): number[] => {
  const b = [...Buffer.from(s, 'utf8')];
  return [b.length >> 8, b.length & 0xff, ...b];
};
const i32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const UID = [0, 0, 0, 0, 0, 0, 0, 1];
const ref = (handle: number): number[] => [0x71, ...i32(0x7e0000 + handle)];

/** AC ED 00 05 + `body`. */
export function javaStream(body: number[] | Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0xac, 0xed, 0x00, 0x05]), Buffer.from(body)]);
}

/**
 * An object of class `A` whose descriptor (handle 0) names itself as its superclass: a back
 * reference to its own handle. ObjectInputStream refuses it; a naive reader walks the hierarchy forever.
 */
export function selfSuperclassObject(): Buffer {
  return javaStream([0x73, 0x72, ...utf('A'), ...UID, 0x02, 0x00, 0x00, 0x78, ...ref(0)]);
}

/** Two descriptors naming each other as superclass (A → B → A). */
export function mutualSuperclassObject(): Buffer {
  // handle 0 = A, handle 1 = B (read as A's superclass), B's superclass = A
  return javaStream([0x73, 0x72, ...utf('A'), ...UID, 0x02, 0x00, 0x00, 0x78,
    0x72, ...utf('B'), ...UID, 0x02, 0x00, 0x00, 0x78, ...ref(0)]);
}

/** A `Node { Node next; }` whose `next` is itself: a cyclic object graph. */
export function selfReferencingNode(): Buffer {
  // handles: 0 class desc Node, 1 the type string "LNode;", 2 the object
  return javaStream([0x73, 0x72, ...utf('Node'), ...UID, 0x02, 0x00, 0x01,
    0x4c, ...utf('next'), 0x74, ...utf('LNode;'), 0x78, 0x70, ...ref(2)]);
}

/** A java.math.BigInteger with `magnitude` (big-endian) and signum 1, as BigInteger.writeObject writes it. */
export function bigInteger(magnitude: Uint8Array): Buffer {
  return javaStream([
    0x73, 0x72, ...utf('java.math.BigInteger'), ...UID, 0x03, 0x00, 0x02,
    0x49, ...utf('signum'),
    0x5b, ...utf('magnitude'), 0x74, ...utf('[B'),
    0x78, 0x70,
    ...i32(1), // signum
    0x75, 0x72, ...utf('[B'), ...UID, 0x02, 0x00, 0x00, 0x78, 0x70, ...i32(magnitude.length), ...magnitude,
    0x78, // end of writeObject data
  ]);
}

/**
 * An Object[] of `n` references to one Object[] of `n` references to one string: 10·n bytes of
 * payload, n² values when walked without noticing that they are shared.
 */
export function sharedArrays(n: number): Buffer {
  const body: number[] = [0x75, 0x72, ...utf('[Ljava.lang.Object;'), ...UID, 0x02, 0x00, 0x00, 0x78, 0x70, ...i32(n)];
  // handles: 0 class desc, 1 outer array, 2 inner array, 3 the string
  body.push(0x75, ...ref(0), ...i32(n), 0x74, ...utf('s'));
  for (let i = 1; i < n; i++) body.push(...ref(3));
  for (let i = 1; i < n; i++) body.push(...ref(2));
  return javaStream(body);
}

/**
 * A java.util.HashMap of `keys` entries whose keys are distinct one-element Object[] wrappers
 * around one shared Object[] of `width` references to a string; values are null. ~15 bytes per
 * entry, but keys × width values when each key is written out on its own.
 */
export function hashMapWithSharedKeys(keys: number, width: number): Buffer {
  const body: number[] = [
    0x73, 0x72, ...utf('java.util.HashMap'), ...UID, 0x03, 0x00, 0x02,
    0x46, ...utf('loadFactor'), 0x49, ...utf('threshold'), 0x78, 0x70,
    0x3f, 0x40, 0x00, 0x00, ...i32(12), // handles: 0 desc, 1 the map
    0x77, 0x08, ...i32(1 << 16), ...i32(keys),
    // first key: a wrapper (desc handle 2, array handle 3) around the wide array (handle 4)
    0x75, 0x72, ...utf('[Ljava.lang.Object;'), ...UID, 0x02, 0x00, 0x00, 0x78, 0x70, ...i32(1),
    0x75, ...ref(2), ...i32(width), 0x74, ...utf('s'), // the string: handle 5
  ];
  for (let i = 1; i < width; i++) body.push(...ref(5));
  body.push(0x70);
  for (let k = 1; k < keys; k++) body.push(0x75, ...ref(2), ...i32(1), ...ref(4), 0x70);
  body.push(0x78);
  return javaStream(body);
}
