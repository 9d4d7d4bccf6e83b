/** What a hidden credential is shown as. */
export const MASK = '***';

/**
 * A server URL, or a comma-separated list of them, with the secrets of its user info hidden:
 * `nats://alice:s3cret@h:4222` becomes `nats://alice:***@h:4222`, and a bare token
 * (`nats://s3cret@h:4222`, NATS's token form) becomes `nats://***@h:4222`, also after a `:`
 * (`x:nats://…`, as oclif joins a command's words). Text that is not a URL is returned unchanged. Pure; never throws.
 */
export const maskUrl = (text: string): string =>
  text.replace(/(^|[\s,'"(=:])([a-z][a-z0-9+.-]*:\/\/)([^\s/@,'"]*)@/gi, (_m: string, lead: string, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return `${lead}${scheme}${colon < 0 ? MASK : `${info.slice(0, colon)}:${MASK}`}@`;
  });

/**
 * `text` with every occurrence of each secret replaced by `***` (secrets shorter than 3
 * characters are left alone: masking "a" would mangle every message). Then URLs are masked too.
 */
export const maskSecrets = (text: string, secrets: readonly (string | undefined)[]): string => {
  let out = text;
  for (const s of secrets) if (s !== undefined && s.length >= 3) out = out.split(s).join(MASK);
  return maskUrl(out);
};
