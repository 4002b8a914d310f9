/**
 * crypto/x509's CreateCertificate for the template sprig's crypto.go fills
 * in: serial below 2^128, subject CN only, KeyUsage digitalSignature and
 * keyEncipherment (plus certSign for a CA), ExtKeyUsage serverAuth and
 * clientAuth, BasicConstraints, a SubjectKeyId for a CA (SHA-1 of the
 * key), the issuer's key id as AuthorityKeyId, DNS then IP SANs. The DER is
 * built with @peculiar/asn1-x509 and signed synchronously with node:crypto
 * (SHA-256 with RSA, ECDSA with the curve's hash, Ed25519), since the
 * template engine is synchronous and @peculiar/x509's WebCrypto is not.
 */
import {
  createHash,
  createPublicKey,
  KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_serverAuth,
  KeyIdentifier,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Time,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { DsaKey, GO_CURVES, pemEncode, PrivateKey } from './goKeys';

/** net.ParseIP, as 4 bytes when the address has an IPv4 form (To4). */
export function goParseIP(text: string): Buffer | undefined {
  const v4 = (t: string) => {
    const parts = t.split('.');
    if (parts.length !== 4) return undefined;
    if (parts.some(p => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255))
      return undefined;
    return Buffer.from(parts.map(Number));
  };
  if (!text.includes(':')) return v4(text);
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map(h => (h === '' ? [] : h.split(':')));
  const words: number[][] = groups.map(g =>
    g.flatMap((w, i): number[] => {
      if (i === g.length - 1 && w.includes('.')) {
        const b = v4(w);
        return b ? [(b[0] << 8) | b[1], (b[2] << 8) | b[3]] : [NaN];
      }
      return /^[0-9a-fA-F]{1,4}$/.test(w) ? [parseInt(w, 16)] : [NaN];
    }),
  );
  if (words.some(g => g.some(Number.isNaN))) return undefined;
  const count = words[0].length + (words[1]?.length ?? 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = [
    ...words[0],
    ...Array(8 - count).fill(0),
    ...(words[1] ?? []),
  ] as number[];
  const ip = Buffer.alloc(16);
  all.forEach((w, i) => ip.writeUInt16BE(w, i * 2));
  const mapped = ip
    .subarray(0, 12)
    .equals(Buffer.from('00000000000000000000ffff', 'hex'));
  return mapped ? ip.subarray(12) : ip;
}

/** The parts of sprig's x509.Certificate template that vary. */
export interface CertTemplate {
  cn: string;
  ips: Buffer[];
  dnsNames: string[];
  notBefore: Date;
  notAfter: Date;
  isCA: boolean;
}

/** encoding/asn1's choice: UTCTime for 1950-2049, else GeneralizedTime; whole seconds. */
function asnTime(d: Date): Time {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000);
  const y = t.getUTCFullYear();
  return new Time(y >= 1950 && y < 2050 ? { utcTime: t } : { generalTime: t });
}

/** pkix.Name{CommonName: cn}: PrintableString when it can be one, else UTF8String. */
function subjectName(cn: string): Name {
  if (cn === '') return new Name([]);
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(cn);
  const value = new AttributeValue(
    printable ? { printableString: cn } : { utf8String: cn },
  );
  return new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type: '2.5.4.3', value }),
    ]),
  ]);
}

function extension(id: string, critical: boolean, der: ArrayBuffer | Buffer) {
  return new Extension({
    extnID: id,
    critical,
    extnValue: new OctetString(der),
  });
}

/** The Go type of a key for crypto/x509's messages. */
function goKeyType(key: PrivateKey | KeyObject, pub: boolean): string {
  const kind = key instanceof DsaKey ? 'dsa' : key.asymmetricKeyType;
  const names: Record<string, string> = {
    dsa: '*dsa.',
    rsa: '*rsa.',
    ec: '*ecdsa.',
    ed25519: 'ed25519.',
    x25519: '*ecdh.',
  };
  return `${names[kind ?? ''] ?? ''}${pub ? 'PublicKey' : 'PrivateKey'}`;
}

/** signingParamsForKey: the signature algorithm and node's digest. */
function signingParams(key: PrivateKey): [AlgorithmIdentifier, string | null] {
  if (
    key instanceof DsaKey ||
    !['rsa', 'ec', 'ed25519'].includes(key.asymmetricKeyType ?? '')
  )
    throw new Error(
      'x509: certificate private key does not implement crypto.Signer',
    );
  if (key.asymmetricKeyType === 'rsa')
    return [
      new AlgorithmIdentifier({
        algorithm: '1.2.840.113549.1.1.11',
        parameters: null,
      }),
      'sha256',
    ];
  if (key.asymmetricKeyType === 'ed25519')
    return [new AlgorithmIdentifier({ algorithm: '1.3.101.112' }), null];
  const bits: Record<string, string> = {
    'P-256': '256',
    'P-384': '384',
    'P-521': '512',
  };
  const hash = bits[GO_CURVES[key.asymmetricKeyDetails?.namedCurve ?? '']];
  if (!hash) throw new Error('x509: unknown elliptic curve');
  const oid = { '256': '2', '384': '3', '512': '4' }[hash];
  return [
    new AlgorithmIdentifier({ algorithm: `1.2.840.10045.4.3.${oid}` }),
    `sha${hash}`,
  ];
}

/** The issuing certificate: its subject, key id and public key. */
export interface Parent {
  subject: Name;
  subjectKeyId?: ArrayBuffer;
  publicKey: KeyObject;
}

/** x509.ParseCertificate's result as CreateCertificate uses a parent. */
export function parseParent(der: Buffer): Parent {
  const publicKey = new X509Certificate(der).publicKey;
  const { tbsCertificate } = AsnConvert.parse(der, Certificate);
  const skid = tbsCertificate.extensions?.find(
    x => x.extnID === id_ce_subjectKeyIdentifier,
  );
  return {
    subject: tbsCertificate.subject,
    subjectKeyId:
      skid && AsnConvert.parse(skid.extnValue, SubjectKeyIdentifier).buffer,
    publicKey,
  };
}

/** buildCertExtensions for sprig's template, in Go's order. */
function certExtensions(
  t: CertTemplate,
  spki: SubjectPublicKeyInfo,
  authorityKeyId: ArrayBuffer | undefined,
): Extension[] {
  // KeyUsage bits as Go writes them: reversed, trailing zero bits unused.
  const ku = t.isCA ? [0xa4, 2] : [0xa0, 5];
  const extensions = [
    extension(id_ce_keyUsage, true, Buffer.from([0x03, 0x02, ku[1], ku[0]])),
    extension(
      id_ce_extKeyUsage,
      false,
      AsnConvert.serialize(
        new ExtendedKeyUsage([id_kp_serverAuth, id_kp_clientAuth]),
      ),
    ),
    extension(
      id_ce_basicConstraints,
      true,
      AsnConvert.serialize(new BasicConstraints({ cA: t.isCA })),
    ),
  ];
  if (t.isCA) {
    const skid = createHash('sha1')
      .update(Buffer.from(spki.subjectPublicKey))
      .digest();
    extensions.push(
      extension(
        id_ce_subjectKeyIdentifier,
        false,
        AsnConvert.serialize(new SubjectKeyIdentifier(skid)),
      ),
    );
  }
  if (authorityKeyId)
    extensions.push(
      extension(
        id_ce_authorityKeyIdentifier,
        false,
        AsnConvert.serialize(
          new AuthorityKeyIdentifier({
            keyIdentifier: new KeyIdentifier(authorityKeyId),
          }),
        ),
      ),
    );
  const sans = [
    ...t.dnsNames.map(dNSName => new GeneralName({ dNSName })),
    ...t.ips.map(
      ip =>
        new GeneralName({
          iPAddress:
            ip.length === 4
              ? [...ip].join('.')
              : (ip.toString('hex').match(/.{4}/g) ?? []).join(':'),
        }),
    ),
  ];
  // An empty subject makes the SAN extension critical (RFC 5280 4.2.1.6).
  if (sans.length)
    extensions.push(
      extension(
        id_ce_subjectAltName,
        t.cn === '',
        AsnConvert.serialize(new SubjectAlternativeName(sans)),
      ),
    );
  return extensions;
}

/** rand.Int(rand.Reader, 2^128) as a DER INTEGER's content. */
function serialNumber(): ArrayBuffer {
  let serial = randomBytes(16);
  const first = serial.findIndex(b => b !== 0);
  serial = first < 0 ? Buffer.from([0]) : serial.subarray(first);
  if (serial[0] & 0x80) serial = Buffer.concat([Buffer.from([0]), serial]);
  return Uint8Array.from(serial).buffer;
}

/**
 * x509.CreateCertificate of the template for the signee's public key,
 * signed by `signer` as `parent` (self-signed without one): the PEM
 * certificate, or crypto/x509's error in its order of checks.
 */
export function createCertificate(
  t: CertTemplate,
  signee: PrivateKey,
  signer: PrivateKey,
  parent?: Parent,
): string {
  const [algorithm, hash] = signingParams(signer);
  if (signee instanceof DsaKey)
    throw new Error(
      `x509: unsupported public key type: ${goKeyType(signee, true)}`,
    );
  const spkiDer = createPublicKey(signee).export({
    type: 'spki',
    format: 'der',
  });
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  const subject = subjectName(t.cn);
  const issuer = parent ? parent.subject : subject;
  const selfIssued = Buffer.from(AsnConvert.serialize(issuer)).equals(
    Buffer.from(AsnConvert.serialize(subject)),
  );
  if (parent && !createPublicKey(signer as KeyObject).equals(parent.publicKey))
    throw new Error(
      "x509: provided PrivateKey doesn't match parent's PublicKey",
    );
  for (const name of t.dnsNames)
    if ([...name].some(ch => ch.charCodeAt(0) > 0x7f))
      throw new Error(
        `x509: ${JSON.stringify(name)} cannot be encoded as an IA5String`,
      );

  const validity = new Validity();
  validity.notBefore = asnTime(t.notBefore);
  validity.notAfter = asnTime(t.notAfter);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(),
    signature: algorithm,
    issuer,
    validity,
    subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions(
      certExtensions(t, spki, selfIssued ? undefined : parent?.subjectKeyId),
    ),
  });
  const signature = sign(
    hash,
    Buffer.from(AsnConvert.serialize(tbs)),
    signer as KeyObject,
  );
  const der = AsnConvert.serialize(
    new Certificate({
      tbsCertificate: tbs,
      signatureAlgorithm: algorithm,
      signatureValue: Uint8Array.from(signature).buffer,
    }),
  );
  return pemEncode('CERTIFICATE', Buffer.from(der));
}
