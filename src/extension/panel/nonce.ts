/** A fresh unguessable nonce per page load, for the Content Security Policy. */
import { randomBytes } from 'node:crypto';

export function createNonce(): string {
  return randomBytes(24).toString('base64');
}
