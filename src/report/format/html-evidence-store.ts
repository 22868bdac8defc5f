import { htmlText } from './html-escape.js';
import { safeStringify } from './json-safe.js';
import { describeValue, truncateText } from './text-limits.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface StoredEvidence {
  id: string;
  text: string;
  /** `registration dpsc-data-flat` when the evidence names one */
  title: string;
  /** the anchors of the causes that cite it */
  citedBy: string[];
}

/**
 * The evidence report.html shows, each piece once (a registration's transcript and adapter exchange is
 * cited by every check of that registration that failed): causes link to it, and the page ends with
 * the store. Identity is the evidence's JSON text, so copies of one registration's evidence are one.
 */
export class HtmlEvidenceStore {
  private readonly byText = new Map<string, StoredEvidence>();

  constructor(private readonly maxChars: number) {}

  /** The anchor of this evidence (added to the store if new), cited by the cause `citedBy`; undefined for no evidence. */
  cite(evidence: unknown, citedBy: string): string | undefined {
    if (evidence === undefined) return undefined;
    const text = typeof evidence === 'string' ? evidence : safeStringify(evidence, 2);
    let stored = this.byText.get(text);
    if (stored === undefined) {
      const registrationId = isObject(evidence) && typeof evidence['registrationId'] === 'string' ? evidence['registrationId'] : undefined;
      stored = { id: `evidence-${this.byText.size + 1}`, text, title: registrationId === undefined ? 'evidence' : `registration ${registrationId}`, citedBy: [] };
      this.byText.set(text, stored);
    }
    if (!stored.citedBy.includes(citedBy)) stored.citedBy.push(citedBy);
    return stored.id;
  }

  get size(): number {
    return this.byText.size;
  }

  /** The store as the page's last section: one `<details>` per piece of evidence, naming the causes that cite it. */
  html(): string {
    if (this.byText.size === 0) return '';
    const items = [...this.byText.values()].map((stored) => {
      const cut = truncateText(describeValue(stored.text), this.maxChars);
      const note = cut.length < stored.text.length ? '; the whole evidence is in ctrf.json' : '';
      const cited = stored.citedBy.map((id) => `<a href="#${id}">${id.replace('cause-', '#')}</a>`).join(', ');
      return `<section id="${stored.id}" class="evidence-item"><h4>${stored.id.replace('evidence-', 'Evidence ')}: ${htmlText(stored.title)} <small>cited by cause ${cited}</small></h4><pre class="evidence">${htmlText(cut)}${note}</pre></section>`;
    });
    return `<h2 id="evidence">Evidence (${this.byText.size}, each stored once)</h2>\n<p class="note">What was exchanged (the adapter's request and reply, its stderr, the emulator's transcript), redacted; each cause above links to the evidence of its first result.</p>\n${items.join('\n')}`;
  }
}
