/** `text`, cut to `max` characters with its full length noted when it is longer. */
export function truncate(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}
