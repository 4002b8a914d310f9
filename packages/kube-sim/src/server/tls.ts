import { generateKeyPairSync } from 'node:crypto';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/**
 * A fresh self-signed certificate for 127.0.0.1 and localhost, valid for
 * 30 days, that also serves as its own certificate authority in kubeconfig.
 */
export function selfSignedCertificate(host: string): TlsMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const altNames = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
    ...(host !== '127.0.0.1' && host !== 'localhost'
      ? [
          /^[\d.]+$/.test(host)
            ? { type: 7, ip: host }
            : { type: 2, value: host },
        ]
      : []),
  ];
  const pems = generate([{ name: 'commonName', value: 'kube-sim' }], {
    keyPair: { privateKey, publicKey },
    days: 30,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        digitalSignature: true,
        keyEncipherment: true,
      },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  } as any);
  return { key: privateKey, cert: pems.cert };
}
