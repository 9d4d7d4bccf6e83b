import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { ROOT } from '../support/daemon-harness.js';

// Without its own description oclif shows a topic with the text of one of its commands.
test('every command topic (a folder of cli/commands) has its own description in package.json', (t) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { oclif: { topics?: Record<string, { description?: string }> } };
  const topics = readdirSync(join(ROOT, 'cli', 'commands'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'help')
    .map((d) => d.name);
  t.true(topics.length >= 4, topics.join(', '));
  for (const topic of topics) {
    const text = pkg.oclif.topics?.[topic]?.description ?? '';
    t.regex(text, /^[A-Z].{20,}\.$/, `topic '${topic}' has no description in package.json's oclif.topics`);
  }
});
