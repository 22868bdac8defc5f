import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every form a secret may travel in: raw, URL-encoded, base64url alphabet (as the redactor knows it) and base64url of its bytes. */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), Buffer.from(secret, 'utf8').toString('base64url')])];
}

/** SAS material the run may not have been told about: a signature or a whole token that was not redacted. */
const SAS_SHAPES: readonly RegExp[] = [/[?&\s"]sig=(?!\[REDACTED\])[^&"\s]{8,}/, /SharedAccessSignature\s+(?!\[REDACTED\])\S*sr=/i];

/** Files under `dir` (recursively), minus the paths `skip` names (relative to dir). */
export function filesUnder(dir: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (skip.includes(relative(dir, path))) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** Where any form of any secret, or unredacted SAS material, appears in the named texts: `where: form` lines. */
export function findLeaks(texts: ReadonlyArray<{ where: string; text: string }>, secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const { where, text } of texts) {
    for (const secret of secrets) {
      for (const form of secretForms(secret)) if (form.length >= 6 && text.includes(form)) leaks.push(`${where}: ${form.slice(0, 12)}...`);
    }
    for (const shape of SAS_SHAPES) {
      const match = shape.exec(text);
      if (match) leaks.push(`${where}: ${match[0].slice(0, 40)}`);
    }
  }
  return leaks;
}

/** The texts of every file under `dir` plus the run's stdout and stderr, labelled for leak messages. */
export function outputsOf(dir: string, run: { stdout: string; stderr: string }, skip: readonly string[] = []): Array<{ where: string; text: string }> {
  return [...filesUnder(dir, skip).map((path) => ({ where: relative(dir, path), text: readFileSync(path, 'latin1') })), { where: 'stdout', text: run.stdout }, { where: 'stderr', text: run.stderr }];
}
