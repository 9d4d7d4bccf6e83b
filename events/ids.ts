/**
 * Encodes any entity id as a single NATS subject token and KV key segment: letters, digits,
 * `_` and `-` pass through, everything else becomes `=XX` per UTF-8 byte. Reversible, so
 * `history <id>` can find the subject of an id with dots or slashes (`web.1.abc`, FQDNs).
 */
export const encodeToken = (id: string): string => {
  if (id.length === 0) return '=';
  return encodeURIComponent(id).replace(/[%.!'()*~]/g, (c) =>
    c === '%' ? '=' : '=' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'),
  );
};

/** Inverse of `encodeToken`. */
export const decodeToken = (token: string): string => {
  if (token === '=') return '';
  return decodeURIComponent(token.replace(/=/g, '%'));
};

/** Key of an entity in the model and in the KV bucket: `<kind>.<encoded id>`. */
export const entityKey = (kind: string, id: string): string => `${kind}.${encodeToken(id)}`;
