/**
 * One line of a Docker engine's `/events` stream, parsed, with `timeNano` kept as the exact
 * decimal string from the wire (JSON.parse would round the 19-digit integer).
 */
export type DockerEventMessage = Readonly<{
  Type: string;
  Action: string;
  Actor: Readonly<{ ID: string; Attributes: Readonly<Record<string, string>> }>;
  scope?: string;
  timeNano: string;
  /** The original line as received. */
  raw: string;
}>;

/** `exec_start: sh -c x` → `{verb: 'exec_start', arg: 'sh -c x'}`; the engine joins the argument with `": "`. */
export const splitAction = (action: string): { verb: string; arg: string | null } => {
  const i = action.indexOf(': ');
  return i < 0 ? { verb: action, arg: null } : { verb: action.slice(0, i), arg: action.slice(i + 2) };
};

/** Docker's attribute numbers are strings (`exitCode: "137"`). */
export const intAttr = (v: string | undefined): number | null => {
  if (v === undefined || !/^-?\d+$/.test(v)) return null;
  return Number(v);
};
