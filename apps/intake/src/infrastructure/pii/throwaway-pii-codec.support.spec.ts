import { randomBytes } from 'node:crypto';
import { PiiCodec } from '../pii-codec';
import { BlindIndex } from './blind-index';
import { FieldCipher } from './field-cipher';
import { loadPiiKeyRing } from './pii-keys';

const key = () => randomBytes(32).toString('base64');

/** A codec under fresh random keys (one cipher key, one blind-index key), as a suite's repositories need. */
export function throwawayPiiCodec(): PiiCodec {
  const ring = loadPiiKeyRing({ NODE_ENV: 'test', PII_ENCRYPTION_KEYS: `k1:${key()}`, PII_ACTIVE_KEY_ID: 'k1', PII_BLIND_INDEX_KEY: key() });
  return new PiiCodec(new FieldCipher(ring), new BlindIndex(ring));
}
