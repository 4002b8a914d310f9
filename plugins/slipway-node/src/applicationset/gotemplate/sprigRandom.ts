/**
 * Sprig's random functions, from node:crypto as goutils' Crypto* helpers
 * use crypto/rand: randAlphaNum, randAlpha, randNumeric, randAscii,
 * randBytes, randInt, uuidv4 and shuffle.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { TemplateFunction } from './exec';
import { s } from './sprigArgs';
import { GoValue, toInt } from './values';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
// goutils' CryptoRandomAscii draws from the printable range 32-126.
const ASCII = Array.from({ length: 95 }, (_x, i) =>
  String.fromCharCode(32 + i),
).join('');

/** Bounds a template's request, like the other generating functions. */
const MAX_LENGTH = 100_000;

/** `count` characters of `chars`; goutils' error for a negative count becomes "". */
function randomString(chars: string, count: GoValue): string {
  const n = Number(toInt(count));
  if (n > MAX_LENGTH)
    throw new Error(
      `requested random string length ${n} exceeds ${MAX_LENGTH}`,
    );
  let out = '';
  for (let i = 0; i < n; i++) out += chars[randomInt(chars.length)];
  return out;
}

/** A uniform integer in [0, n): crypto.randomInt below 2^48, else bytes with rejection. */
function randomBelow(n: bigint): bigint {
  if (n < 2n ** 48n) return BigInt(randomInt(Number(n)));
  const bits = BigInt(n.toString(2).length + 8);
  const limit = (1n << bits) - ((1n << bits) % n);
  for (;;) {
    const x = BigInt(`0x${randomBytes(Number(bits / 8n) + 1).toString('hex')}`);
    const r = x & ((1n << bits) - 1n);
    if (r < limit) return r % n;
  }
}

/** Fisher-Yates over the string's runes, as xstrings.Shuffle shuffles runes. */
function shuffle(text: string): string {
  const runes = [...text];
  for (let i = runes.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [runes[i], runes[j]] = [runes[j], runes[i]];
  }
  return runes.join('');
}

export const randomSprigFunctions: Record<string, TemplateFunction> = {
  randAlphaNum: n => randomString(LETTERS + DIGITS, n),
  randAlpha: n => randomString(LETTERS, n),
  randNumeric: n => randomString(DIGITS, n),
  randAscii: n => randomString(ASCII, n),
  randBytes: n => {
    const count = Number(toInt(n));
    if (count < 0 || count > MAX_LENGTH)
      throw new Error(`randBytes: invalid count ${count}`);
    return randomBytes(count).toString('base64');
  },
  // rand.Intn(max-min) + min: min inclusive, max exclusive.
  randInt: (min, max) => {
    const lo = toInt(min);
    const span = toInt(max) - lo;
    if (span <= 0n) throw new Error('invalid argument to Intn');
    return lo + randomBelow(span);
  },
  uuidv4: () => randomUUID(),
  shuffle: v => shuffle(s(v)),
};
