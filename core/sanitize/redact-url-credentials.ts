// `https://user:secret@host/v1` → `https://***@host/v1`: a base URL's credentials are never echoed
// (terminal, manifest, reports). text without credentials is returned unchanged.

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, "$1***@");
}
