/**
 * Private keys as sprig's crypto.go reads and writes them through Go's
 * encoding/pem, encoding/asn1 and crypto/x509: pemBlockForKey (PKCS#1,
 * SEC 1, sprig's DSA structure, else PKCS#8), parsePrivateKeyPEM and
 * generatePrivateKey, on node:crypto KeyObjects. node:crypto cannot export
 * a DSA key in sprig's format, so DSA keys are kept as their numbers.
 */
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';

// --- DER and PEM -----------------------------------------------------------

interface Tlv {
  tag: number;
  body: Buffer;
}

/** The DER elements of `buf`, in order; Go's asn1 errors when malformed. */
function derElements(buf: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < buf.length) {
    if (pos + 2 > buf.length)
      throw new Error('asn1: syntax error: truncated tag or length');
    const tag = buf[pos];
    let len = buf[pos + 1];
    let header = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n === 0 || n > 4 || pos + 2 + n > buf.length)
        throw new Error('asn1: syntax error: truncated tag or length');
      len = buf.readUIntBE(pos + 2, n);
      header += n;
    }
    if (pos + header + len > buf.length)
      throw new Error('asn1: syntax error: data truncated');
    out.push({ tag, body: buf.subarray(pos + header, pos + header + len) });
    pos += header + len;
  }
  return out;
}

function derTlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes = Buffer.from(n.toString(16).padStart(8, '0'), 'hex');
    const trimmed = bytes.subarray(bytes.findIndex(b => b !== 0));
    len = Buffer.concat([Buffer.from([0x80 | trimmed.length]), trimmed]);
  }
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

/** A non-negative DER INTEGER. */
function derInt(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return derTlv(0x02, Buffer.from(hex, 'hex'));
}

function intOf(t: Tlv | undefined): bigint {
  if (!t || t.tag !== 0x02 || t.body.length === 0)
    throw new Error("asn1: structure error: tags don't match");
  const v = BigInt(`0x${t.body.toString('hex')}`);
  return t.body[0] & 0x80 ? v - (1n << BigInt(t.body.length * 8)) : v;
}

/** The content of a SEQUENCE element. */
function seqOf(t: Tlv | undefined): Tlv[] {
  if (!t || t.tag !== 0x30)
    throw new Error("asn1: structure error: tags don't match");
  return derElements(t.body);
}

/** encoding/pem's Encode: 64-column base64 between BEGIN and END lines. */
export function pemEncode(type: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines
    .map(l => `${l}\n`)
    .join('')}-----END ${type}-----\n`;
}

/** encoding/pem's Decode: the first well-formed block, headers skipped. */
export function pemDecode(
  text: string,
): { type: string; bytes: Buffer } | undefined {
  const re =
    /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t\r]*\n([\s\S]*?)(?:^|\n)-----END \1-----/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let body = m[2];
    // RFC 1421 headers ("Proc-Type: ...") end at the first blank line.
    if (/^[^\n]*:/.test(body)) body = body.replace(/^[\s\S]*?\n[ \t\r]*\n/, '');
    const b64 = body.replace(/[ \t\r\n]/g, '');
    if (
      !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(
        b64,
      )
    )
      continue;
    return { type: m[1], bytes: Buffer.from(b64, 'base64') };
  }
  return undefined;
}

/** base64.StdEncoding.DecodeString: padding required, CR and LF ignored. */
export function goBase64Decode(text: string): Buffer {
  const clean = text.replace(/[\r\n]/g, '');
  const bad = clean.search(/[^A-Za-z0-9+/=]/);
  const pad = clean.indexOf('=');
  const quantumStart = clean.length - (clean.length % 4);
  const fail = (at: number) =>
    new Error(`illegal base64 data at input byte ${at}`);
  if (bad >= 0 && (pad < 0 || bad < pad)) throw fail(bad);
  if (pad >= 0) {
    const q = pad - (pad % 4);
    const tail = clean.slice(q);
    if (pad % 4 < 2 || !/^[A-Za-z0-9+/]{2}(?:==|[A-Za-z0-9+/]=)$/.test(tail))
      throw fail(pad % 4 < 2 ? q : pad);
  } else if (clean.length % 4) throw fail(quantumStart);
  return Buffer.from(clean, 'base64');
}

// --- Private keys ----------------------------------------------------------

/** A DSA key as sprig's DSAKeyFormat holds it; node:crypto cannot export one. */
export class DsaKey {
  constructor(
    readonly p: bigint,
    readonly q: bigint,
    readonly g: bigint,
    readonly y: bigint,
    readonly x: bigint,
  ) {}
}

/** A private key as crypto.PrivateKey: a node KeyObject, or DSA. */
export type PrivateKey = KeyObject | DsaKey;

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/** A DSA KeyObject's numbers, read from its PKCS#8 encoding. */
function dsaFromKeyObject(key: KeyObject): DsaKey {
  const [, alg, priv] = seqOf(
    derElements(key.export({ type: 'pkcs8', format: 'der' }))[0],
  );
  const [p, q, g] = seqOf(seqOf(alg)[1]).map(intOf);
  const x = intOf(derElements(priv.body)[0]);
  return new DsaKey(p, q, g, modPow(g, x, p), x);
}

/** sprig's pemBlockForKey: PKCS#1, SEC 1, its DSA structure, else PKCS#8. */
export function pemBlockForKey(key: PrivateKey): string {
  if (key instanceof DsaKey) {
    const ints = [0n, key.p, key.q, key.g, key.y, key.x].map(derInt);
    return pemEncode('DSA PRIVATE KEY', derTlv(0x30, Buffer.concat(ints)));
  }
  if (key.asymmetricKeyType === 'rsa')
    return key.export({ type: 'pkcs1', format: 'pem' }).toString();
  if (key.asymmetricKeyType === 'ec')
    return key.export({ type: 'sec1', format: 'pem' }).toString();
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The curves crypto/x509 parses, by OpenSSL name. */
export const GO_CURVES: Record<string, string> = {
  secp224r1: 'P-224',
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

const PKCS8_OIDS: Record<string, string> = {
  dsa: '1.2.840.10040.4.1',
  'rsa-pss': '1.2.840.113549.1.1.10',
  ed448: '1.3.101.113',
  x448: '1.3.101.111',
  dh: '1.2.840.113549.1.3.1',
};

function parseDer(der: Buffer, type: 'pkcs1' | 'sec1' | 'pkcs8'): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type });
  } catch (e) {
    throw new Error(
      `x509: failed to parse private key: ${(e as Error).message}`,
    );
  }
}

function checkCurve(key: KeyObject): KeyObject {
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  if (key.asymmetricKeyType === 'ec' && !GO_CURVES[curve])
    throw new Error('x509: unknown elliptic curve');
  return key;
}

/** sprig's parsePrivateKeyPEM, with its messages. */
export function parsePrivateKeyPEM(text: string): PrivateKey {
  const block = pemDecode(text);
  if (!block) throw new Error('no PEM data in input');
  if (block.type === 'PRIVATE KEY') {
    try {
      const key = parseDer(block.bytes, 'pkcs8');
      const type = key.asymmetricKeyType ?? '';
      if (PKCS8_OIDS[type])
        throw new Error(
          `x509: PKCS#8 wrapping contained private key with unknown algorithm: ${PKCS8_OIDS[type]}`,
        );
      return checkCurve(key);
    } catch (e) {
      throw new Error(`decoding PEM as PKCS#8: ${(e as Error).message}`);
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY'))
    throw new Error(`no private key data in PEM block of type ${block.type}`);
  const kind = block.type.slice(0, -' PRIVATE KEY'.length);
  try {
    if (kind === 'RSA') return parseDer(block.bytes, 'pkcs1');
    if (kind === 'EC') return checkCurve(parseDer(block.bytes, 'sec1'));
    if (kind === 'DSA') {
      const [, p, q, g, y, x] = seqOf(derElements(block.bytes)[0]).map(intOf);
      if (x === undefined)
        throw new Error('asn1: syntax error: sequence truncated');
      return new DsaKey(p, q, g, y, x);
    }
  } catch (e) {
    throw new Error(
      `parsing ${kind} private key from PEM: ${(e as Error).message}`,
    );
  }
  throw new Error(`invalid private key type ${block.type}`);
}

/** A new key as sprig's generatePrivateKey makes it ("" is RSA). */
export function generatePrivateKey(
  type: string,
  rsaBits = 4096,
): PrivateKey | undefined {
  switch (type) {
    case '':
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: rsaBits }).privateKey;
    case 'dsa':
      return dsaFromKeyObject(
        generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 })
          .privateKey,
      );
    case 'ecdsa':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    case 'ed25519':
      return generateKeyPairSync('ed25519').privateKey;
    default:
      return undefined;
  }
}
