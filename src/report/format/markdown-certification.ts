import type { RunInfo } from '../../results/run-info.js';
import { certificationFacts } from './certification-facts.js';
import { mdText } from './markdown-escape.js';

/**
 * The lines summary.md opens with for a customer: what was declared, whether (and with which key) the
 * results are signed and how to check that, and what the waivers did (expired and unused ones named).
 */
export function markdownCertification(runInfo: RunInfo): string[] {
  const facts = certificationFacts(runInfo);
  const declared = facts.declared.length === 0 ? 'nothing (the run had no `--declare`)' : facts.declared.map(mdText).join('; ');
  const lines = [`- **declared:** ${declared}`];
  if (facts.signed !== undefined) lines.push(`- **signed:** ${mdText(facts.signed)}; check it with \`${facts.verifyCommand ?? ''}\``);
  else lines.push('- **signed:** no (the run had no `--sign`)');
  if (facts.waivers !== undefined) lines.push(`- **waivers:** ${mdText(facts.waivers)}`);
  for (const line of [...facts.expired, ...facts.unused]) lines.push(`  - ⚠️ ${mdText(line)}`);
  return ['## Declared and signed', '', ...lines, ''];
}
