import test from 'ava';
import { NoResponderError } from '../../../daemon/actions/client.js';
import { ENV_CLOUD } from '../../../events/action.js';

test('no daemon for an unnamed cloud: the hint says to name the cloud, not to set OS_CLOUD=envvars', (t) => {
  const e = new NoResponderError({ kind: 'openstack', name: ENV_CLOUD });
  t.regex(e.message, /No daemon is responsible for cloud 'envvars'/);
  t.notRegex(e.hint ?? '', /OS_CLOUD=envvars/);
  t.regex(e.hint ?? '', /--cloud <name>/);
  t.regex(e.hint ?? '', /what berth asks when no cloud is named/);
  t.regex(e.hint ?? '', /OS_AUTH_URL/);
});

test('no daemon for a named cloud or an engine: the hint says how to start one for it', (t) => {
  t.regex(new NoResponderError({ kind: 'openstack', name: 'prod' }).hint ?? '', /OS_CLOUD=prod/);
  t.regex(new NoResponderError({ kind: 'docker', name: 'h1' }).hint ?? '', /berth daemon --engine h1=<url>/);
});
