import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Certificate = { certFile: string; keyFile: string; pem: string };

/**
 * A throwaway self-signed certificate for 127.0.0.1 and localhost, valid for a day. Clients in the
 * tests trust exactly this certificate (`ca: pem`), so TLS is verified, not switched off.
 */
export function selfSignedCertificate(dir: string): Certificate {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        keyFile,
        '-out',
        certFile
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    );
  } catch (err) {
    throw new Error(
      `openssl could not make a test certificate (apt-get install -y openssl): ${(err as Error).message}`
    );
  }
  return { certFile, keyFile, pem: readFileSync(certFile, 'utf8') };
}
