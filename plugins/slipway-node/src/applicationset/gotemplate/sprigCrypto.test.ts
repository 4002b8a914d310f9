import { createCipheriv, createPrivateKey } from 'node:crypto';
import { compareSync } from 'bcryptjs';
import { renderGoTemplate } from '.';

const render = (t: string, data: unknown = {}) => renderGoTemplate(t, data);

describe('derivePassword (Master Password, as sprig computes it)', () => {
  it.each([
    [1, 'long', 'ZedaFaxcZaso9*'],
    [2, 'long', 'Fovi2@JifpTupx'],
    [1, 'maximum', 'pf4zS1LjCg&LjhsZ7T2~'],
    [1, 'medium', 'ZedJuz8$'],
    [1, 'basic', 'pIS54PLs'],
    [1, 'short', 'Zed5'],
    [1, 'pin', '6685'],
  ])(
    'gives sprig crypto_test.go vector: counter %d, %s template',
    (counter, type, expected) => {
      expect(
        render(
          `{{ derivePassword ${counter} "${type}" "password" "user" "example.com" }}`,
        ),
      ).toBe(expected);
    },
  );

  it('depends on every input', () => {
    const t = '{{ derivePassword 1 "long" .p .u .s }}';
    const base = { p: 'password', u: 'user', s: 'example.com' };
    expect(render(t, base)).toBe('ZedaFaxcZaso9*');
    for (const change of [
      { p: 'Password' },
      { u: 'usér' },
      { s: 'example.org' },
    ])
      expect(render(t, { ...base, ...change })).not.toBe('ZedaFaxcZaso9*');
  });

  it('returns sprig message for an unknown template, and rejects a negative counter', () => {
    expect(render('{{ derivePassword 1 "huge" "p" "u" "s" }}')).toBe(
      'cannot find password template huge',
    );
    expect(render('{{ derivePassword 1 "toString" "p" "u" "s" }}')).toBe(
      'cannot find password template toString',
    );
    expect(() => render('{{ derivePassword -1 "pin" "p" "u" "s" }}')).toThrow(
      'error calling derivePassword: expected unsigned integer; found -1',
    );
  });
});

describe('encryptAES / decryptAES', () => {
  it('round-trips text, as sprig crypto_test.go does', () => {
    expect(
      render(
        '{{ "plaintext" | encryptAES "secretkey" | decryptAES "secretkey" }}',
      ),
    ).toBe('plaintext');
    const text = 'Hello, 世界! a text longer than one AES block of 16 bytes';
    expect(
      render('{{ encryptAES "k" .t | decryptAES "k" }}', { t: text }),
    ).toBe(text);
  });

  it('decrypts ciphertexts made by openssl enc -aes-256-cbc with the zero-padded key', () => {
    // key = "secretkey" + 23 zero bytes; IV 000102...0f, then IV ffeedd...00.
    expect(
      render('{{ decryptAES "secretkey" .c }}', {
        c: 'AAECAwQFBgcICQoLDA0OD4aChIkqfhLglmmHSXlA6r0=',
      }),
    ).toBe('plaintext');
    expect(
      render('{{ decryptAES "secretkey" .c }}', {
        c: '/+7dzLuqmYh3ZlVEMyIRAOiDvopHwHkEK151HRVE7j34kOOACK5vt042ZfE8r6WJT/G0gUpy+R93PE4QmTrJBA==',
      }),
    ).toBe('Hello, 世界! sixteen+ bytes...');
  });

  it('prefixes a random IV and pads to whole blocks (PKCS#7, a full block when aligned)', () => {
    const enc = (t: string) =>
      Buffer.from(render('{{ encryptAES "k" .t }}', { t }), 'base64');
    expect(enc('plaintext')).toHaveLength(16 + 16);
    expect(enc('0123456789abcdef')).toHaveLength(16 + 32);
    expect(enc('x').subarray(0, 16)).not.toEqual(enc('x').subarray(0, 16));
  });

  it('uses only the first 32 bytes of the password as the key', () => {
    const key = 'k'.repeat(32);
    const c = render('{{ encryptAES .k "secret" }}', { k: key });
    expect(render('{{ decryptAES .k .c }}', { k: `${key}ignored`, c })).toBe(
      'secret',
    );
    // Another key decrypts to garbage or to a padding length out of range.
    let other: string | undefined;
    try {
      other = render('{{ decryptAES .k .c }}', { k: key.slice(1), c });
    } catch {
      other = undefined;
    }
    expect(other).not.toBe('secret');
  });

  it('strips as many bytes as the last one says, without checking the padding', () => {
    const key = Buffer.alloc(32);
    key.write('k');
    const encrypt = (block: Buffer) => {
      const iv = Buffer.alloc(16, 7);
      const cipher = createCipheriv('aes-256-cbc', key, iv);
      cipher.setAutoPadding(false);
      return Buffer.concat([iv, cipher.update(block), cipher.final()]).toString(
        'base64',
      );
    };
    const dec = (text: string) =>
      render('{{ decryptAES "k" .c }}', {
        c: encrypt(Buffer.from(text, 'latin1')),
      });
    expect(dec('abcdefghijklmno\x03')).toBe('abcdefghijklm');
    expect(dec('abcdefghijklmno\x00')).toBe('abcdefghijklmno\x00');
    expect(() => dec('abcdefghijklmno\xff')).toThrow(
      'runtime error: slice bounds out of range [:-239]',
    );
  });

  it('maps empty input to empty output both ways', () => {
    expect(render('{{ encryptAES "k" "" }}')).toBe('');
    expect(render('{{ decryptAES "k" "" }}')).toBe('');
  });

  it("fails with Go's errors on malformed ciphertext", () => {
    const dec = (c: string) => () => render('{{ decryptAES "k" .c }}', { c });
    expect(dec('not base64!')).toThrow(
      'error calling decryptAES: illegal base64 data at input byte 3',
    );
    expect(dec('abc')).toThrow('illegal base64 data at input byte 0');
    expect(dec('AAAA')).toThrow(
      'runtime error: slice bounds out of range [:16] with capacity 3',
    );
    expect(dec(Buffer.alloc(20).toString('base64'))).toThrow(
      'crypto/cipher: input not full blocks',
    );
    expect(dec(Buffer.alloc(16).toString('base64'))).toThrow(
      'runtime error: index out of range [-1]',
    );
  });
});

describe('bcrypt / htpasswd', () => {
  it('hashes with x/crypto bcrypt default cost 10 and a random salt', () => {
    const hash = render('{{ bcrypt "myPassword" }}');
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(compareSync('myPassword', hash)).toBe(true);
    expect(compareSync('myPasswore', hash)).toBe(false);
    expect(render('{{ bcrypt "myPassword" }}')).not.toBe(hash);
  });

  it('returns sprig message for a password over 72 bytes', () => {
    expect(render('{{ bcrypt .p }}', { p: 'é'.repeat(37) })).toBe(
      'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes',
    );
  });

  it('writes user:hash lines (sprig crypto_test.go credentials)', () => {
    for (const [user, password] of [
      ['myUser', 'myPassword'],
      ["special'o79Cv_*qFe,)<user", 'special<j7+3p#6-.Jx2U:m8G;kGypassword'],
    ]) {
      const line = render('{{ htpasswd .u .p }}', { u: user, p: password });
      const at = line.indexOf(':');
      expect(line.slice(0, at)).toBe(user);
      expect(compareSync(password, line.slice(at + 1))).toBe(true);
    }
  });

  it("refuses a username with ':' by returning sprig's message", () => {
    expect(render('{{ htpasswd "wrongus:er" "x" }}')).toBe(
      'invalid username: wrongus:er',
    );
  });
});

describe('genPrivateKey', () => {
  const key = (type: string) => render(`{{ genPrivateKey "${type}" }}`);

  it('makes a 4096-bit RSA key in PKCS#1 PEM, also for ""', () => {
    for (const type of ['rsa', '']) {
      const pem = key(type);
      expect(pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
      expect(pem).toMatch(/\n-----END RSA PRIVATE KEY-----\n$/);
      expect(createPrivateKey(pem).asymmetricKeyDetails?.modulusLength).toBe(
        4096,
      );
    }
  });

  it('makes a P-256 ECDSA key in SEC 1 PEM', () => {
    const pem = key('ecdsa');
    expect(pem).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    expect(createPrivateKey(pem).asymmetricKeyDetails?.namedCurve).toBe(
      'prime256v1',
    );
  });

  it('makes an Ed25519 key in PKCS#8 PEM', () => {
    const pem = key('ed25519');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(createPrivateKey(pem).asymmetricKeyType).toBe('ed25519');
  });

  it('makes a DSA L2048 N256 key in the DSA PRIVATE KEY structure OpenSSL reads', () => {
    const pem = key('dsa');
    expect(pem).toMatch(/^-----BEGIN DSA PRIVATE KEY-----\n/);
    const parsed = createPrivateKey(pem);
    expect(parsed.asymmetricKeyType).toBe('dsa');
    expect(parsed.asymmetricKeyDetails).toEqual({
      modulusLength: 2048,
      divisorLength: 256,
    });
  });

  it('returns "Unknown type" for any other type, not an error', () => {
    expect(key('bad')).toBe('Unknown type bad');
  });
});
