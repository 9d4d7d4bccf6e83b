import test from 'ava';
import { maskSecrets, maskUrl } from '../../events/mask-url.js';

test('a password in a URL is masked and the user kept; a bare token is masked whole', (t) => {
  t.is(maskUrl('nats://alice:s3cret@h:4222'), 'nats://alice:***@h:4222');
  t.is(maskUrl('nats://s3cret-token@h:4222'), 'nats://***@h:4222');
  t.is(maskUrl('amqp://guest:guest@127.0.0.1:5672/vhost'), 'amqp://guest:***@127.0.0.1:5672/vhost');
});

test('every URL of a list and of a sentence is masked, and text without credentials is unchanged', (t) => {
  t.is(maskUrl('nats://a:p1@h1:4222,nats://b:p2@h2:4222'), 'nats://a:***@h1:4222,nats://b:***@h2:4222');
  t.is(maskUrl("NATS at 'tls://u:p%40ss@h:4222' refused"), "NATS at 'tls://u:***@h:4222' refused");
  t.is(maskUrl('nats://h:4222 and user@example.org'), 'nats://h:4222 and user@example.org');
});

test('maskSecrets hides each given secret wherever it appears, then the URLs', (t) => {
  t.is(maskSecrets('auth failed for token hunter22 at nats://u:x1@h', ['hunter22', undefined]), 'auth failed for token *** at nats://u:***@h');
  t.is(maskSecrets('a b c', ['a']), 'a b c', 'secrets shorter than 3 characters are not masked (they would mangle every message)');
});

test('a URL given as --flag=URL is masked too', (t) => {
  t.is(maskUrl('Nonexistent flag: --amqp=amqp://guest:pw1@h'), 'Nonexistent flag: --amqp=amqp://guest:***@h');
});
