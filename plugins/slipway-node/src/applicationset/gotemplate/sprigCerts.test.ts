import {
  createPrivateKey,
  createPublicKey,
  X509Certificate,
} from 'node:crypto';
import { renderGoTemplate } from '.';

const render = (t: string, data: unknown = {}) => renderGoTemplate(t, data);
const DAY = 86_400_000;

/** The certificates in rendered output, in order. */
function certs(out: string): X509Certificate[] {
  return (
    out.match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g,
    ) ?? []
  ).map(pem => new X509Certificate(pem));
}

const validity = (c: X509Certificate) => ({
  from: Date.parse(c.validFrom),
  to: Date.parse(c.validTo),
});

/** The cert's public key is the one of the PEM private key. */
const keyMatches = (c: X509Certificate, keyPem: string) =>
  c.publicKey.equals(createPublicKey(createPrivateKey(keyPem)));

describe('genCA', () => {
  it('makes a self-signed CA with the CN and days given (sprig TestGenCA)', () => {
    const before = Date.now();
    const out = render(
      '{{ $ca := genCA "foo-ca" 365 }}{{ $ca.Cert }}{{ $ca.Key }}',
    );
    const [ca] = certs(out);
    expect(ca.subject).toBe('CN=foo-ca');
    expect(ca.issuer).toBe('CN=foo-ca');
    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    const { from, to } = validity(ca);
    expect(from).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(from).toBeLessThanOrEqual(Date.now());
    expect(to - from).toBe(365 * DAY);
    expect(ca.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(out).toContain('-----BEGIN RSA PRIVATE KEY-----');
    const key = out.slice(out.indexOf('-----BEGIN RSA PRIVATE KEY-----'));
    expect(keyMatches(ca, key)).toBe(true);
    expect(createPrivateKey(key).asymmetricKeyDetails?.modulusLength).toBe(
      2048,
    );
  });

  it('is sprig.certificate: typeOf, toJson with Cert and Key', () => {
    expect(render('{{ typeOf (genCA "x" 1) }}')).toBe('sprig.certificate');
    const json = JSON.parse(render('{{ genCA "x" 1 | toJson }}'));
    expect(Object.keys(json)).toEqual(['Cert', 'Key']);
    expect(certs(json.Cert)[0].subject).toBe('CN=x');
  });

  it('genCAWithKey signs with the given key and writes it back in sprig PEM form', () => {
    const ec = render('{{ genPrivateKey "ecdsa" }}');
    const out = render(
      '{{ $ca := genCAWithKey "ec-ca" 30 .k }}{{ $ca.Cert }}|{{ $ca.Key }}',
      {
        k: ec,
      },
    );
    const [cert, key] = out.split('|');
    const [ca] = certs(cert);
    expect(ca.ca).toBe(true);
    expect(keyMatches(ca, ec)).toBe(true);
    expect(key).toBe(ec);
    expect(ca.verify(ca.publicKey)).toBe(true);
  });
});

describe('genSelfSignedCert', () => {
  it('carries CN, IP and DNS SANs and is no CA (sprig TestGenSelfSignedCert)', () => {
    const out = render(
      '{{ (genSelfSignedCert "foo.com" (list "10.0.0.1" "10.0.0.2") (list "bar.com" "bat.com") 365).Cert }}',
    );
    const [cert] = certs(out);
    expect(cert.subject).toBe('CN=foo.com');
    expect(cert.subjectAltName).toBe(
      'DNS:bar.com, DNS:bat.com, IP Address:10.0.0.1, IP Address:10.0.0.2',
    );
    expect(cert.ca).toBe(false);
    expect(cert.issuer).toBe('CN=foo.com');
    expect(cert.verify(cert.publicKey)).toBe(true);
    // KeyUsage is digitalSignature and keyEncipherment only: it cannot issue.
    expect(cert.checkIssued(cert)).toBe(false);
    expect(BigInt(`0x${cert.serialNumber}`)).toBeGreaterThan(0n);
    expect(BigInt(`0x${cert.serialNumber}`)).toBeLessThan(1n << 128n);
    const { from, to } = validity(cert);
    expect(to - from).toBe(365 * DAY);
  });

  it('writes IPv4-mapped addresses in 4 bytes and IPv6 in 16', () => {
    const [cert] = certs(
      render(
        '{{ (genSelfSignedCert "x" (list "::ffff:1.2.3.4" "2001:db8::1") (list) 1).Cert }}',
      ),
    );
    expect(cert.subjectAltName).toBe(
      'IP Address:1.2.3.4, IP Address:2001:DB8:0:0:0:0:0:1',
    );
  });

  it('genSelfSignedCertWithKey uses an Ed25519 key, returned as PKCS#8', () => {
    const k = render('{{ genPrivateKey "ed25519" }}');
    const out = render(
      '{{ $c := genSelfSignedCertWithKey "ed" (list) (list "ed.example") 7 .k }}{{ $c.Cert }}{{ $c.Key }}',
      { k },
    );
    const [cert] = certs(out);
    expect(keyMatches(cert, k)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:ed.example');
    expect(out.endsWith(k)).toBe(true);
  });

  it('reports bad SAN entries as sprig does', () => {
    expect(() =>
      render('{{ genSelfSignedCert "x" (list "300.1.1.1") (list) 1 }}'),
    ).toThrow('error calling genSelfSignedCert: error parsing ip: 300.1.1.1');
    expect(() =>
      render('{{ genSelfSignedCert "x" (list 1) (list) 1 }}'),
    ).toThrow('error parsing ip: 1 is not a string');
    expect(() =>
      render('{{ genSelfSignedCert "x" (list) (list 2) 1 }}'),
    ).toThrow('error processing alternate dns name: 2 is not a string');
    expect(() =>
      render('{{ genSelfSignedCert "x" "10.0.0.1" (list) 1 }}'),
    ).toThrow('wrong type for value; expected []interface {}; got string');
  });
});

describe('genSignedCert', () => {
  it('is issued and signed by the CA (sprig TestGenSignedCert)', () => {
    const out = render(
      '{{ $ca := genCA "foo" 365 }}{{ $ca.Cert }}{{ (genSignedCert "foo.com" (list "10.0.0.1" "10.0.0.2") (list "bar.com" "bat.com") 90 $ca).Cert }}{{ (genCA "other" 1).Cert }}',
    );
    const [ca, cert, other] = certs(out);
    expect(cert.subject).toBe('CN=foo.com');
    expect(cert.issuer).toBe('CN=foo');
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBe(
      'DNS:bar.com, DNS:bat.com, IP Address:10.0.0.1, IP Address:10.0.0.2',
    );
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(other)).toBe(false);
    expect(cert.verify(other.publicKey)).toBe(false);
    expect(cert.publicKey.equals(ca.publicKey)).toBe(false);
    const { from, to } = validity(cert);
    expect(to - from).toBe(90 * DAY);
  });

  it('genSignedCertWithKey certifies the given key under an ECDSA CA', () => {
    const caKey = render('{{ genPrivateKey "ecdsa" }}');
    const leafKey = render('{{ genPrivateKey "ecdsa" }}');
    const out = render(
      '{{ $ca := genCAWithKey "ec-ca" 10 .ck }}{{ $ca.Cert }}{{ $c := genSignedCertWithKey "leaf" (list) (list "leaf.local") 5 $ca .lk }}{{ $c.Cert }}',
      { ck: caKey, lk: leafKey },
    );
    const [ca, leaf] = certs(out);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(keyMatches(leaf, leafKey)).toBe(true);
  });

  it('needs a sprig certificate whose key matches its Cert', () => {
    expect(() =>
      render('{{ genSignedCert "x" (list) (list) 1 (dict "Cert" "c") }}'),
    ).toThrow(
      'wrong type for value; expected sprig.certificate; got map[string]interface {}',
    );
    const mixed =
      '{{ $a := genCA "a" 1 }}{{ $b := genCA "b" 1 }}' +
      '{{ $ab := buildCustomCert ($a.Cert | b64enc) ($b.Key | b64enc) }}' +
      '{{ genSignedCert "x" (list) (list) 1 $ab }}';
    expect(() => render(mixed)).toThrow(
      "error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
    );
  });
});

describe('buildCustomCert', () => {
  it('returns the decoded PEMs unchanged (sprig TestBuildCustomCert)', () => {
    const out = render(
      '{{ $ca := genCA "example.com" 365 }}{{ $b := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}' +
        '{{ eq $b.Cert $ca.Cert }} {{ eq $b.Key $ca.Key }}',
    );
    expect(out).toBe('true true');
  });

  it('rejects input that is not base64, PEM, a certificate or a key', () => {
    const build = (cert: string, key: string) => () =>
      render(
        '{{ $k := genPrivateKey "ecdsa" }}{{ $c := genSelfSignedCertWithKey "x" (list) (list) 1 $k }}' +
          `{{ buildCustomCert ${cert} ${key} }}`,
      );
    expect(build('"%%%"', '($k | b64enc)')).toThrow(
      'unable to decode base64 certificate',
    );
    expect(build('($c.Cert | b64enc)', '"%%%"')).toThrow(
      'unable to decode base64 private key',
    );
    expect(build('("fail" | b64enc)', '($k | b64enc)')).toThrow(
      'error calling buildCustomCert: unable to decode certificate',
    );
    expect(
      build(
        '("-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\\n" | b64enc)',
        '($k | b64enc)',
      ),
    ).toThrow('error parsing certificate: decodedCert.Bytes:');
    expect(build('($c.Cert | b64enc)', '($c.Cert | b64enc)')).toThrow(
      'error parsing private key: no private key data in PEM block of type CERTIFICATE',
    );
    expect(build('($c.Cert | b64enc)', '($c.Key | b64enc)')).not.toThrow();
  });
});

describe('keys the certificate functions cannot use', () => {
  it('fails where crypto/x509 fails: DSA keys cannot sign nor be certified', () => {
    const k = render('{{ genPrivateKey "dsa" }}');
    expect(() => render('{{ genCAWithKey "d" 1 .k }}', { k })).toThrow(
      'error calling genCAWithKey: error creating certificate: x509: certificate private key does not implement crypto.Signer',
    );
    expect(() =>
      render(
        '{{ genSignedCertWithKey "d" (list) (list) 1 (genCA "ca" 1) .k }}',
        { k },
      ),
    ).toThrow(
      'error creating certificate: x509: unsupported public key type: *dsa.PublicKey',
    );
  });

  it('reports unparsable keys with sprig prefixes', () => {
    expect(() => render('{{ genCAWithKey "x" 1 "no pem" }}')).toThrow(
      'error calling genCAWithKey: parsing private key: no PEM data in input',
    );
    expect(() =>
      render(
        '{{ genCAWithKey "x" 1 "-----BEGIN FOO PRIVATE KEY-----\\nAAAA\\n-----END FOO PRIVATE KEY-----\\n" }}',
      ),
    ).toThrow('parsing private key: invalid private key type FOO PRIVATE KEY');
  });
});
