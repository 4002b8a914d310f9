/**
 * Sprig's crypto functions (sprig v3 crypto.go) from node:crypto and
 * bcryptjs: derivePassword, encryptAES, decryptAES, bcrypt, htpasswd and
 * genPrivateKey.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import { genSaltSync, hashSync } from 'bcryptjs';
import type { TemplateFunction } from './exec';
import { generatePrivateKey, goBase64Decode, pemBlockForKey } from './goKeys';
import { s } from './sprigArgs';
import { GoValue, toInt } from './values';

// --- derivePassword --------------------------------------------------------

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** A length-prefixed field of the Master Password salt and seed. */
function field(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u32(bytes.length), bytes]);
}

/** Master Password (v3 templates) as sprig computes it. */
function derivePassword(
  counter: GoValue,
  passwordType: GoValue,
  password: GoValue,
  user: GoValue,
  site: GoValue,
): string {
  const n = toInt(counter);
  if (n < 0n || n > 0xffffffffn)
    throw new Error(`expected unsigned integer; found ${n}`);
  const type = s(passwordType);
  if (!Object.prototype.hasOwnProperty.call(PASSWORD_TEMPLATES, type))
    return `cannot find password template ${type}`;
  const templates = PASSWORD_TEMPLATES[type];
  const seedPrefix = Buffer.from(MASTER_PASSWORD_SEED);
  const salt = Buffer.concat([seedPrefix, field(s(user))]);
  const key = scryptSync(Buffer.from(s(password), 'utf8'), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 64 * 1024 * 1024,
  });
  const seed = createHmac('sha256', key)
    .update(Buffer.concat([seedPrefix, field(s(site)), u32(Number(n))]))
    .digest();
  const template = templates[seed[0] % templates.length];
  return [...template]
    .map((c, i) => {
      const chars = TEMPLATE_CHARACTERS[c];
      return chars[seed[i + 1] % chars.length];
    })
    .join('');
}

// --- AES ---------------------------------------------------------------------

/** sprig's AES key: the password's bytes, zero-padded or cut to 32. */
function aesKey(password: GoValue): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(s(password), 'utf8').copy(key, 0, 0, 32);
  return key;
}

/** AES-256-CBC with PKCS#7 padding and a random IV before the ciphertext. */
function encryptAES(password: GoValue, plaintext: GoValue): string {
  const text = s(plaintext);
  if (text === '') return '';
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([
    iv,
    cipher.update(text, 'utf8'),
    cipher.final(),
  ]).toString('base64');
}

/**
 * The reverse of encryptAES. Like sprig it strips as many bytes as the last
 * one says without checking the padding, and reports Go's panics as errors.
 */
function decryptAES(password: GoValue, crypt64: GoValue): string {
  const text = s(crypt64);
  if (text === '') return '';
  const crypt = goBase64Decode(text);
  if (crypt.length < 16)
    throw new Error(
      `runtime error: slice bounds out of range [:16] with capacity ${
        Math.floor(text.length / 4) * 3
      }`,
    );
  const body = crypt.subarray(16);
  if (body.length % 16) throw new Error('crypto/cipher: input not full blocks');
  if (body.length === 0)
    throw new Error('runtime error: index out of range [-1]');
  const decipher = createDecipheriv(
    'aes-256-cbc',
    aesKey(password),
    crypt.subarray(0, 16),
  );
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const end = plain.length - plain[plain.length - 1];
  if (end < 0)
    throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return plain.subarray(0, end).toString('utf8');
}

// --- bcrypt ------------------------------------------------------------------

/** golang.org/x/crypto/bcrypt's DefaultCost. */
const BCRYPT_DEFAULT_COST = 10;

/** GenerateFromPassword at the default cost: a "$2a$10$" hash. */
function bcrypt(input: GoValue): string {
  const password = s(input);
  if (Buffer.byteLength(password, 'utf8') > 72)
    return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  // x/crypto writes the "2a" prefix; for passwords up to 72 bytes it is 2b's algorithm.
  const salt = genSaltSync(BCRYPT_DEFAULT_COST).replace(/^\$2b\$/, '$2a$');
  return hashSync(password, salt);
}

export const cryptoSprigFunctions: Record<string, TemplateFunction> = {
  derivePassword,
  encryptAES,
  decryptAES,
  bcrypt,
  // A ':' would end the user field of the htpasswd line (RFC 2617).
  htpasswd: (user, password) =>
    s(user).includes(':')
      ? `invalid username: ${s(user)}`
      : `${s(user)}:${bcrypt(password)}`,
  genPrivateKey: type => {
    const key = generatePrivateKey(s(type));
    return key ? pemBlockForKey(key) : `Unknown type ${s(type)}`;
  },
};
