/** Ids made only of the characters a token keeps. */
const PLAIN = /^[A-Za-z0-9_-]+$/;

/**
 * Encodes any entity id as a single NATS subject token and KV key segment: letters, digits,
 * `_` and `-` pass through, everything else becomes `=XX` per UTF-8 byte. Reversible, so
 * `history <id>` can find the subject of an id with dots or slashes (`web.1.abc`, FQDNs).
 */
export const encodeToken = (id: string): string => {
  if (id.length === 0) return '=';
  // Nearly every id (uuids, container ids, host names without dots) passes through whole.
  if (PLAIN.test(id)) return id;
  // A lone surrogate (valid in JSON, not in UTF-8) becomes U+FFFD: the only lossy case, and never a throw.
  return encodeURIComponent(id.toWellFormed()).replace(/[%.!'()*~]/g, (c) =>
    c === '%' ? '=' : '=' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
};

/** Inverse of `encodeToken`; a token it did not make comes back unchanged. */
export const decodeToken = (token: string): string => {
  if (token === '=') return '';
  try {
    return decodeURIComponent(token.replace(/=/g, '%'));
  } catch {
    return token;
  }
};

/** Key of an entity in the model and in the KV bucket: `<kind>.<encoded id>`. */
export const entityKey = (kind: string, id: string): string => `${kind}.${encodeToken(id)}`;
