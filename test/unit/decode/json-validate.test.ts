import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJsonText } from '../../../src/decode/json-validate.js';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const check = (text: string): void => {
  assert.equal(isJsonText(Buffer.from(text, 'utf8')), parses(text), `isJsonText(${JSON.stringify(text)})`);
};

describe('isJsonText', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of [
      '{}', '[]', ' { } ', '0', '-0', '1.5e-3', '-12E+4', '"x"', 'true', 'false', 'null', '"\\u00e9\\n\\"\\\\\\/"',
      '{"a":1,"b":[true,false,null,{"c":"d"}],"e":{"f":[[],[{}]]}}', '\t\r\n[1 , 2\n,3]\n', '"é漢字🙂"',
      '{"amount":12.75,"currency":"EUR","items":["sku-1","sku-2"],"at":"2026-01-01T00:00:00Z"}',
    ]) check(text);
  });

  it('refuses what JSON.parse refuses', () => {
    for (const text of [
      '', ' ', '{', '}', '[1,]', '{"a":1,}', '{"a"}', '{"a":}', '{a:1}', "{'a':1}", '01', '1.', '.5', '1e', '-', '+1',
      'tru', 'nul', 'True', 'NaN', 'Infinity', '"\\x"', '"\\u12g4"', '"a\nb"', '"unterminated', '[1 2]', '{} {}',
      '\uFEFF{}', '[1]]', '{"a":1}}', '"\\', '[', '[[', '{"a":[}', 'nulll', 'falsey', '1 2',
    ]) check(text);
  });

  it('agrees with JSON.parse on 20,000 random mutations of journal events', () => {
    const seeds = [
      '{"cartId":"cart-17","item":{"sku":"sku-3","qty":2,"price":19.99},"tags":["a","b"],"ok":true,"note":null}',
      '[{"a":-1.25e+10},{"b":"\\u0041\\t"},[],{}]',
    ];
    const alphabet = '{}[]",:.-+eE0123456789 \\tnulrfas\n\u00e9';
    let s = 7;
    const rnd = (n: number): number => (s = (s * 1103515245 + 12345) >>> 0) % n;
    for (let k = 0; k < 20_000; k++) {
      const chars = [...seeds[k % seeds.length]!];
      for (let m = 1 + rnd(3); m > 0; m--) {
        const at = rnd(chars.length + 1);
        const op = rnd(3);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, alphabet[rnd(alphabet.length)]!);
        else chars[Math.min(at, chars.length - 1)] = alphabet[rnd(alphabet.length)]!;
      }
      check(chars.join(''));
    }
  });

  it('reads only the given range of a larger buffer', () => {
    const bytes = Buffer.from('xx{"a":1}yy');
    assert.equal(isJsonText(bytes, 2, 9), true);
    assert.equal(isJsonText(bytes, 2, 8), false);
    assert.equal(isJsonText(bytes, 0, 9), false);
  });

  it('leaves nesting deeper than 256 to JSON.parse (false), and takes 256', () => {
    assert.equal(isJsonText(Buffer.from('['.repeat(256) + ']'.repeat(256))), true);
    assert.equal(isJsonText(Buffer.from('['.repeat(300) + ']'.repeat(300))), false);
  });
});
