import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../events/errors.js';
import { configFileSchema } from './config-schema.js';
import type { ConfigFile } from './config-schema.js';
import { describeIssue, flattenIssues, suggestKey } from './config-issues.js';

export type { ConfigFile } from './config-schema.js';

/** One thing wrong with a configuration file, where it is (1-based) and which key. */
export type ConfigProblem = Readonly<{ line: number; col: number; key: string; message: string }>;

/** A configuration file that cannot be used: every problem found, each with its line and key. */
export class ConfigFileError extends ConfigError {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, problems: readonly ConfigProblem[]) {
    const first = problems[0];
    const where = first === undefined ? '' : `: ${formatProblem(file, first)}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
    super(`Configuration file '${file}' is not valid${where}.`, { hint: "Fix the keys named above; 'berth daemon --check-config --config FILE' checks a file without starting anything." });
    this.name = 'ConfigFileError';
    this.file = file;
    this.problems = problems;
  }
}

/** `file:line:col: key: message`, the form editors and CI annotators understand. */
export const formatProblem = (file: string, p: ConfigProblem): string => `${file}:${p.line}:${p.col}: ${p.key === '' ? '' : `${p.key}: `}${p.message}`;

const keyText = (path: readonly PropertyKey[]): string =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');

type Located = Readonly<{ node: YamlNode | null; key: YamlNode | null; complete: boolean }>;

/** The deepest node of `path` present in the document, and the key node that leads to it. */
const locate = (doc: Document, path: readonly PropertyKey[]): Located => {
  let node = doc.contents as YamlNode | null;
  let key: YamlNode | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) return { node, key, complete: false };
      key = pair.key as YamlNode;
      node = (pair.value ?? null) as YamlNode | null;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg] as YamlNode;
    } else return { node, key, complete: false };
  }
  return { node, key, complete: true };
};

/** Where an issue is: an unknown key at its key, a missing one at the mapping that lacks it, else at the value. */
const position = (doc: Document, lc: LineCounter, path: readonly PropertyKey[], atKey: boolean): { line: number; col: number } => {
  const at = locate(doc, path);
  const target = atKey || !at.complete ? (at.key ?? at.node) : (at.node ?? at.key);
  const offset = target?.range?.[0] ?? 0;
  return lc.linePos(offset);
};

const problemsOf = (doc: Document, lc: LineCounter, data: unknown, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] => {
  const out: ConfigProblem[] = [];
  for (const i of flattenIssues(issues)) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) {
        const path = [...i.path, k];
        const hint = suggestKey(i.path, k);
        out.push({ ...position(doc, lc, path, true), key: keyText(path), message: `unknown key${hint === undefined ? '' : ` (did you mean '${hint}'?)`}` });
      }
      continue;
    }
    out.push({ ...position(doc, lc, i.path, false), key: keyText(i.path), message: describeIssue(i, data) });
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
};

/** Parses and validates configuration text; `name` is used in messages. Throws ConfigFileError listing every problem. */
export const parseConfigText = (text: string, name: string): ConfigFile => {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => {
    const { line, col } = lc.linePos(e.pos[0]);
    return { line, col, key: '', message: `YAML: ${e.message.split('\n')[0] ?? e.message}` };
  });
  if (doc.errors.length > 0) throw new ConfigFileError(name, syntax);
  const data: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  const r = configFileSchema.safeParse(data);
  if (!r.success) throw new ConfigFileError(name, problemsOf(doc, lc, data, r.error.issues));
  return r.data;
};

/** Reads and validates the daemon's configuration file. */
export const loadConfigFile = (path: string): ConfigFile => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? (cause as Error).message;
    throw new ConfigError(`Configuration file '${path}' could not be read (${code}).`, { hint: 'Check the path given with --config or BERTH_CONFIG, and that the daemon may read it.' });
  }
  return parseConfigText(text, path);
};
