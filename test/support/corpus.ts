import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpsEvent } from '../../events/ops-event.js';
import { fromUnixNanos } from '../../events/time.js';
import type { DockerEventMessage } from '../../events/translate/docker-message.js';
import { translateDockerEvent } from '../../events/translate/docker.js';

/**
 * The real Docker engine captures (shared/corpus/docker, read-only). They live next to the
 * repository, as `../shared` does for the lab scripts; BERTH_DOCKER_CORPUS points elsewhere.
 */
export const DOCKER_CORPUS = process.env['BERTH_DOCKER_CORPUS']
  ?? resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/corpus/docker');

/** The engine's configured name in every corpus test (the capture VM's hostname). */
export const CORPUS_HOST = 'vm';

/** `01-container-lifecycle` … `18-recommended-filter-fixture`, in order. */
export const scenarioNames = (): string[] =>
  readdirSync(DOCKER_CORPUS)
    .filter((f) => /^\d\d-.*\.jsonl$/.test(f))
    .sort()
    .map((f) => f.replace(/\.jsonl$/, ''));

/**
 * One `/events` line as the daemon's reader builds it: fields from JSON.parse, but `timeNano`
 * as the exact digits of the wire text, because JSON.parse rounds 19-digit integers.
 */
export const dockerMessageFromLine = (line: string): DockerEventMessage => {
  const j = JSON.parse(line) as { Type: string; Action: string; Actor: DockerEventMessage['Actor']; scope?: string };
  const timeNano = /"timeNano":\s*(\d+)/.exec(line)?.[1];
  if (timeNano === undefined) throw new Error(`corpus line without timeNano: ${line.slice(0, 120)}`);
  const m: DockerEventMessage = { Type: j.Type, Action: j.Action, Actor: j.Actor, timeNano, raw: line };
  return j.scope === undefined ? m : { ...m, scope: j.scope };
};

/** The non-empty lines of a corpus file (path relative to the corpus root). */
export const corpusLines = (relPath: string): string[] =>
  readFileSync(join(DOCKER_CORPUS, relPath), 'utf8').split('\n').filter((l) => l !== '');

/** A corpus file (`live/raw-stream-v1.41.jsonl`, `05-oom.jsonl`) as messages, in file order. */
export const loadMessages = (relPath: string): DockerEventMessage[] => corpusLines(relPath).map(dockerMessageFromLine);

/** A scenario (`05-oom`) as messages, in file order. */
export const loadScenario = (name: string): DockerEventMessage[] => loadMessages(`${name}.jsonl`);

/** A JSON body from `snapshot/` (`info.json`, `container-inspect-ev-web.json`). */
export const loadSnapshot = (file: string): unknown => JSON.parse(readFileSync(join(DOCKER_CORPUS, 'snapshot', file), 'utf8'));

/** File names in `snapshot/` that match a pattern. */
export const snapshotFiles = (pattern: RegExp): string[] =>
  readdirSync(join(DOCKER_CORPUS, 'snapshot')).filter((f) => pattern.test(f)).sort();

/** A commands/NN-name.sh script as logged during the capture. */
export const loadCommands = (name: string): string => readFileSync(join(DOCKER_CORPUS, 'commands', `${name}.sh`), 'utf8');

/**
 * Translates messages as the daemon would on host `vm`. `observedAt` is the event's own time so
 * that the output is deterministic (golden files, fold comparisons).
 */
export const translateAll = (messages: readonly DockerEventMessage[], host = CORPUS_HOST): OpsEvent[] =>
  messages.flatMap((m) => translateDockerEvent(host, m, fromUnixNanos(m.timeNano)));

/** A scenario's translated events, in file order. */
export const scenarioEvents = (name: string): OpsEvent[] => translateAll(loadScenario(name));
