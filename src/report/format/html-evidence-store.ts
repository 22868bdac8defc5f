import type { CheckResult } from '../../results/check-result.js';
import type { EvidenceIndex } from './evidence-index.js';
import { htmlText } from './html-escape.js';
import { safeStringify } from './json-safe.js';
import { describeValue, truncateText } from './text-limits.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface StoredEvidence {
  /** the piece's id in ctrf.json (`e35`), which JUnit's pointers name too */
  id: string;
  text: string;
  /** `registration dpsc-data-flat` when the evidence names one */
  title: string;
  /** the anchors of the causes that cite it */
  citedBy: string[];
}

/** The page anchor of a piece of evidence: `evidence-e35` for ctrf.json's `e35`. */
export const evidenceAnchor = (id: string): string => `evidence-${id}`;

/**
 * The evidence report.html shows, each piece once (a registration's transcript and adapter exchange is
 * cited by every check of that registration that failed): causes link to it, and the page ends with
 * the store. A piece is named by its id in ctrf.json (the report set's EvidenceIndex), so `evidence e35`
 * in junit.xml is `Evidence e35` here whenever a cause shows it.
 */
export class HtmlEvidenceStore {
  private readonly byId = new Map<string, StoredEvidence>();

  constructor(
    private readonly maxChars: number,
    private readonly index: EvidenceIndex,
  ) {}

  /** The anchor of this result's evidence (added to the store if new), cited by the cause `citedBy`; undefined for no evidence. */
  cite(result: CheckResult, citedBy: string): string | undefined {
    const id = this.index.idOf(result);
    if (id === undefined || result.evidence === undefined) return undefined;
    let stored = this.byId.get(id);
    if (stored === undefined) {
      const evidence = result.evidence;
      const text = typeof evidence === 'string' ? evidence : safeStringify(evidence, 2);
      const registrationId = isObject(evidence) && typeof evidence['registrationId'] === 'string' ? evidence['registrationId'] : undefined;
      stored = { id, text, title: registrationId === undefined ? 'evidence' : `registration ${registrationId}`, citedBy: [] };
      this.byId.set(id, stored);
    }
    if (!stored.citedBy.includes(citedBy)) stored.citedBy.push(citedBy);
    return evidenceAnchor(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The store as the page's last section: one `<details>` per piece of evidence, naming the causes that cite it. */
  html(): string {
    if (this.byId.size === 0) return '';
    const items = [...this.byId.values()].map((stored) => {
      const cut = truncateText(describeValue(stored.text), this.maxChars);
      const note = cut.length < stored.text.length ? '; the whole evidence is in ctrf.json' : '';
      const cited = stored.citedBy.map((id) => `<a href="#${id}">${id.replace('cause-', '#')}</a>`).join(', ');
      return `<section id="${evidenceAnchor(stored.id)}" class="evidence-item"><h4>Evidence ${htmlText(stored.id)}: ${htmlText(stored.title)} <small>cited by cause ${cited}</small></h4><pre class="evidence">${htmlText(cut)}${note}</pre></section>`;
    });
    return `<h2 id="evidence">Evidence (${this.byId.size}, each stored once)</h2>\n<p class="note">What was exchanged (the adapter's request and reply, its stderr, the emulator's transcript), redacted; each cause above links to the evidence of its first result. Every piece is in ctrf.json under the same id (<code>results.extra.evidence</code>), with the results that cite it.</p>\n${items.join('\n')}`;
  }
}
