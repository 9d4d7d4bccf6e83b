/**
 * A pure, dependency-free 106-bit string hash (two cyrb53 lanes with different seeds), as
 * 27 hex characters. Used for event ids where the source has none (Docker events), so that
 * the same source event always gets the same `Nats-Msg-Id`. Not cryptographic.
 */
export const stableHash = (text: string): string => lane(text, 0x9e3779b9) + lane(text, 0x85ebca6b).slice(1);

const lane = (str: string, seed: number): string => {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, '0');
};
