// Credentials must never reach printed output or notebook outputs, not even inside a
// driver's error text, so every message built from foreign text passes through here.

const secrets = new Set<string>();

/** Remembers a secret (password, SASL token) so that `redact` blanks it out wherever it appears. */
export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= 3) secrets.add(secret);
}

/** Returns `text` with every remembered secret and every `password=…`-like pair masked. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out.replace(/((?:password|passwd|pwd|secret|token)\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;}]+)/gi, '$1***');
}
