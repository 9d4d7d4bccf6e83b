import test from 'ava';
import { decodeToken, encodeToken } from '../../events/ids.js';

/** encodeToken without its shortcut for plain ids: percent-encoding, then `=XX`. */
const encodedInFull = (id: string): string =>
  id.length === 0 ? '=' : encodeURIComponent(id.toWellFormed()).replace(/[%.!'()*~]/g, (c) => (c === '%' ? '=' : '=' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')));

test('an id of letters, digits, _ and - is its own token, as the full encoding makes it; any other id is encoded in full', (t) => {
  const ids = ['a', 'Z9', 'web-1_x', '9f9d01b9-4a58-0000-0000-398b21ab20d1', 'b2ebc9f8da7d6d4068cef5555e8adcc71489be27', 'web.1', 'a b', 'x/y', "it's", '(a)*~!', '%41', '=', 'ünï', 'a\ud800', 'A-Z_a-z0-9', 'a\n', ''];
  for (const id of ids) {
    t.is(encodeToken(id), encodedInFull(id), id);
    if (!id.includes('\ud800')) t.is(decodeToken(encodeToken(id)), id, id);
  }
  for (let c = 0; c < 0x180; c++) {
    const id = `x${String.fromCharCode(c)}y`;
    t.is(encodeToken(id), encodedInFull(id), id);
  }
});
