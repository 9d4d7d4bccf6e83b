/**
 * What Ink measures text with (string-width, its own dependency, nested under it: the top-level
 * string-width is an older major), for tests that check berth's cell widths agree with it.
 */
export const inkWidth = ((await import(new URL('../../node_modules/ink/node_modules/string-width/index.js', import.meta.url).href)) as { default: (s: string) => number }).default;
