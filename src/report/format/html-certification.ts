import type { RunInfo } from '../../results/run-info.js';
import { certificationFacts } from './certification-facts.js';
import { htmlText } from './html-escape.js';
import { safeHttpUrl } from './safe-url.js';

/**
 * What report.html opens with for a customer: what was declared, whether the results are signed and
 * with which key (and the command that checks it), and what the waivers did, expired and unused ones
 * named. The HTML itself is not signed: it says which file is (ctrf.json) and how to check it.
 */
export function htmlCertification(runInfo: RunInfo): string {
  const facts = certificationFacts(runInfo);
  const declared = facts.declared.length === 0
    ? '<span class="none">nothing (the run had no --declare)</span>'
    : facts.declared.map((line, i) => {
      const url = safeHttpUrl(facts.homepages[i]);
      return `${htmlText(line)}${url === undefined ? '' : ` · <a href="${htmlText(url)}">${htmlText(url)}</a>`}`;
    }).join('<br>');
  const signed = facts.signed === undefined
    ? '<span class="none">no: these results are not signed (the run had no --sign)</span>'
    : `<b>yes</b>: ${htmlText(facts.signed)}<br><small>the signer is whoever holds that key; check it with <code>${htmlText(facts.verifyCommand ?? '')}</code> (this page is a rendering of ctrf.json and is not itself signed)</small>`;
  const rows = [`<tr><th scope="row">declared</th><td>${declared}</td></tr>`, `<tr><th scope="row">signed</th><td>${signed}</td></tr>`];
  if (facts.waivers !== undefined) {
    const notes = [...facts.expired, ...facts.unused].map((line) => `<li class="warning">⚠ ${htmlText(line)}</li>`).join('');
    rows.push(`<tr><th scope="row">waivers</th><td>${htmlText(facts.waivers)}${notes === '' ? '' : `<ul class="waiver-notes">${notes}</ul>`}</td></tr>`);
  }
  return `<table id="certification" class="certification"><colgroup><col style="width:9em"><col></colgroup><tbody>${rows.join('')}</tbody></table>`;
}
