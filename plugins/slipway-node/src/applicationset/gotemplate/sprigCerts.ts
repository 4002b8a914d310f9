/**
 * Sprig's certificate functions (sprig v3 crypto.go): genCA, genCAWithKey,
 * genSelfSignedCert(WithKey), genSignedCert(WithKey) and buildCustomCert.
 * They return sprig's `certificate` struct, whose Cert and Key fields hold
 * PEM text; certificates without a given key get a new 2048-bit RSA key.
 */
import { X509Certificate } from 'node:crypto';
import type { TemplateFunction } from './exec';
import {
  generatePrivateKey,
  goBase64Decode,
  parsePrivateKeyPEM,
  pemBlockForKey,
  pemDecode,
  PrivateKey,
} from './goKeys';
import { GoMethod, GoObject, goArg } from './goObject';
import {
  CertTemplate,
  createCertificate,
  goParseIP,
  Parent,
  parseParent,
} from './goX509';
import { s } from './sprigArgs';
import { GoValue, toInt, typeName } from './values';

/** sprig's `certificate` struct; templates read its Cert and Key fields. */
export class GoCertificate extends GoObject {
  readonly goType = 'sprig.certificate';
  readonly goKind = 'struct';

  constructor(readonly cert: string, readonly key: string) {
    super();
  }

  toString(): string {
    return `{${this.cert} ${this.key}}`;
  }

  toJSON(): unknown {
    return { Cert: this.cert, Key: this.key };
  }

  protected methods(): Record<string, GoMethod> {
    return { Cert: () => this.cert, Key: () => this.key };
  }
}

const isCertificate = (v: GoValue): v is GoCertificate =>
  v instanceof GoCertificate;

/** fmt's %v of a list element in sprig's messages. */
const show = (v: GoValue) => (v === undefined || v === null ? '<nil>' : s(v));

/** A []interface{} parameter; nil is Go's nil slice. */
function listParam(v: GoValue): GoValue[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  throw new Error(
    `wrong type for value; expected []interface {}; got ${typeName(v)}`,
  );
}

const NS_PER_DAY = 86_400_000_000_000n;

/** sprig's getBaseCertTemplate; the validity is Go's int64 nanosecond arithmetic. */
function baseTemplate(
  cn: GoValue,
  ips: GoValue,
  dns: GoValue,
  days: GoValue,
): CertTemplate {
  const netIPs = listParam(ips).map(ip => {
    if (typeof ip !== 'string')
      throw new Error(`error parsing ip: ${show(ip)} is not a string`);
    const parsed = goParseIP(ip);
    if (!parsed) throw new Error(`error parsing ip: ${ip}`);
    return parsed;
  });
  const dnsNames = listParam(dns).map(name => {
    if (typeof name !== 'string')
      throw new Error(
        `error processing alternate dns name: ${show(name)} is not a string`,
      );
    return name;
  });
  const now = Date.now();
  const validNs = BigInt.asIntN(
    64,
    BigInt.asIntN(64, toInt(days)) * NS_PER_DAY,
  );
  return {
    cn: s(cn),
    ips: netIPs,
    dnsNames,
    notBefore: new Date(now),
    notAfter: new Date(now + Number(validNs / 1_000_000n)),
    isCA: false,
  };
}

/** getCertAndKey: the certificate and the signee's key as PEM. */
function certAndKey(
  t: CertTemplate,
  signee: PrivateKey,
  signer: PrivateKey,
  parent?: Parent,
): GoCertificate {
  try {
    const cert = createCertificate(t, signee, signer, parent);
    return new GoCertificate(cert, pemBlockForKey(signee));
  } catch (e) {
    throw new Error(`error creating certificate: ${(e as Error).message}`);
  }
}

/** A key for the *WithKey functions, with sprig's "parsing private key" prefix. */
function keyParam(pem: GoValue): PrivateKey {
  try {
    return parsePrivateKeyPEM(s(pem));
  } catch (e) {
    throw new Error(`parsing private key: ${(e as Error).message}`);
  }
}

/** sprig's certificates carry a 2048-bit RSA key unless given one. */
const rsaKey = () => generatePrivateKey('rsa', 2048) as PrivateKey;

function ca(cn: GoValue, days: GoValue, key: PrivateKey): GoCertificate {
  const t = { ...baseTemplate(cn, null, null, days), isCA: true };
  return certAndKey(t, key, key);
}

function selfSigned(
  cn: GoValue,
  ips: GoValue,
  dns: GoValue,
  days: GoValue,
  key: PrivateKey,
) {
  return certAndKey(baseTemplate(cn, ips, dns, days), key, key);
}

/** generateSignedCertificateWithKeyInternal: the CA's certificate and key, then the leaf. */
function signed(
  cn: GoValue,
  ips: GoValue,
  dns: GoValue,
  days: GoValue,
  caValue: GoValue,
  key: PrivateKey,
): GoCertificate {
  const authority = goArg(caValue, isCertificate, 'sprig.certificate');
  const block = pemDecode(authority.cert);
  if (!block) throw new Error('unable to decode certificate');
  let parent: Parent;
  try {
    parent = parseParent(block.bytes);
  } catch (e) {
    throw new Error(
      `error parsing certificate: decodedSignerCert.Bytes: ${
        (e as Error).message
      }`,
    );
  }
  let signer: PrivateKey;
  try {
    signer = parsePrivateKeyPEM(authority.key);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return certAndKey(baseTemplate(cn, ips, dns, days), key, signer, parent);
}

/** sprig's buildCustomCertificate: base64 PEMs, checked, kept as given. */
function buildCustomCert(b64cert: GoValue, b64key: GoValue): GoCertificate {
  const decode = (v: GoValue, what: string) => {
    try {
      return goBase64Decode(s(v)).toString('utf8');
    } catch {
      throw new Error(`unable to decode base64 ${what}`);
    }
  };
  const cert = decode(b64cert, 'certificate');
  const key = decode(b64key, 'private key');
  const block = pemDecode(cert);
  if (!block) throw new Error('unable to decode certificate');
  try {
    // eslint-disable-next-line no-new
    new X509Certificate(block.bytes);
  } catch (e) {
    throw new Error(
      `error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`,
    );
  }
  try {
    parsePrivateKeyPEM(key);
  } catch (e) {
    throw new Error(`error parsing private key: ${(e as Error).message}`);
  }
  return new GoCertificate(cert, key);
}

export const certSprigFunctions: Record<string, TemplateFunction> = {
  buildCustomCert,
  genCA: (cn, days) => ca(cn, days, rsaKey()),
  genCAWithKey: (cn, days, pem) => ca(cn, days, keyParam(pem)),
  genSelfSignedCert: (cn, ips, dns, days) =>
    selfSigned(cn, ips, dns, days, rsaKey()),
  genSelfSignedCertWithKey: (cn, ips, dns, days, pem) =>
    selfSigned(cn, ips, dns, days, keyParam(pem)),
  genSignedCert: (cn, ips, dns, days, authority) =>
    signed(cn, ips, dns, days, authority, rsaKey()),
  genSignedCertWithKey: (cn, ips, dns, days, authority, pem) =>
    signed(cn, ips, dns, days, authority, keyParam(pem)),
};
