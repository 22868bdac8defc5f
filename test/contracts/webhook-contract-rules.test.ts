import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { readPactFile, type PactInteraction } from '../../src/contracts/pact-file.js';
import { applyProfileToPact } from '../../src/contracts/apply-profile-to-pact.js';
import { DIALECTS } from '../../src/results/check-result.js';
import { dpsPacticipant, pactFileName, webhookPacticipant } from '../../contracts/definitions/pacticipants.js';
import { WEBHOOK_CHECKS } from '../../suites/webhook/check-catalogue.js';
import { repoRoot } from '../helpers/run-cli.js';

type Rules = {
  body?: Record<string, { matchers?: Array<Record<string, unknown>> }>;
  header?: unknown;
  status?: unknown;
};

/**
 * Every rule the DPS -> webhook contract puts on an answer, each named by the documented MUST check that
 * states the same (suites/webhook/CHECKS.md, "The Pact contract and these checks"). A rule with no
 * check, or a check that is not MUST, fails: the contract may be no stricter than the checks.
 */
function rulesOf(interaction: PactInteraction): Array<{ rule: string; check: string }> {
  const response = interaction.response as PactInteraction['response'] & { matchingRules?: Rules };
  const rules: Array<{ rule: string; check: string }> = [];
  rules.push({
    rule: `status ${response.status}`,
    check: response.status === 200 ? 'webhook.response.status' : 'none',
  });
  for (const name of Object.keys(response.headers ?? {})) rules.push({ rule: `header ${name}`, check: 'none' });
  if (response.body)
    rules.push({
      rule: `body ${response.body.contentType ?? '?'}`,
      check: response.body.contentType === 'application/json' ? 'webhook.response.json' : 'none',
    });
  const content = response.body?.content;
  for (const key of Object.keys(typeof content === 'object' && content !== null ? content : {})) {
    const matchers = response.matchingRules?.body?.[`$.${key}`]?.matchers ?? [];
    const caseless = key === 'iotHubHostName' && matchers.length > 0 && matchers.every((m) => m['match'] === 'regex');
    rules.push({
      rule: `body member ${key} (${matchers.map((m) => String(m['match'])).join(', ') || 'equality'})`,
      check: caseless ? 'webhook.response.hub' : 'none',
    });
  }
  for (const path of Object.keys(response.matchingRules?.body ?? {})) {
    if (!(typeof content === 'object' && content !== null && path.slice(2) in content))
      rules.push({ rule: `matching rule ${path}`, check: 'none' });
  }
  if (response.matchingRules?.header !== undefined || response.matchingRules?.status !== undefined)
    rules.push({ rule: 'header or status rules', check: 'none' });
  return rules;
}

function hubRegex(interaction: PactInteraction): RegExp {
  const matchers =
    (interaction.response as { matchingRules?: Rules }).matchingRules?.body?.['$.iotHubHostName']?.matchers ?? [];
  return new RegExp(String(matchers[0]?.['regex']));
}

describe('the DPS -> webhook contract holds no rule stricter than a documented check', () => {
  const must = new Map(WEBHOOK_CHECKS.filter((c) => c.level === 'MUST').map((c) => [c.id, c]));
  const doc = readFileSync(join(repoRoot, 'suites', 'webhook', 'CHECKS.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## The Pact contract and these checks'));

  it('would catch a stricter rule: a Content-Type header, or a hub compared with case', () => {
    const strict = {
      description: 'strict',
      request: { method: 'POST', path: '/' },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { content: { iotHubHostName: 'hub' }, contentType: 'application/json' },
        matchingRules: { body: { '$.iotHubHostName': { matchers: [{ match: 'equality' }] } } },
      },
    } as unknown as PactInteraction;
    assert.deepEqual(
      rulesOf(strict)
        .filter((r) => r.check === 'none')
        .map((r) => r.rule),
      ['header Content-Type', 'body member iotHubHostName (equality)'],
    );
  });

  for (const dialect of DIALECTS) {
    const pact = readPactFile(
      join(committedPactsDir(), pactFileName(dpsPacticipant(dialect), webhookPacticipant(dialect))),
    );

    it(`${dialect}: every answer rule is a MUST check named in CHECKS.md's contract table`, () => {
      for (const interaction of pact.interactions) {
        for (const { rule, check } of rulesOf(interaction)) {
          assert.ok(must.has(check), `${interaction.description}: "${rule}" has no MUST check (${check})`);
          assert.ok(section.includes(`\`${check}\``), `CHECKS.md's contract table names ${check}`);
        }
      }
    });

    it(`${dialect}: the hub rule compares without case, as webhook.response.hub does, and still refuses other hubs`, () => {
      for (const interaction of pact.interactions) {
        const hubs = (interaction.request.body?.content as { linkedHubs: string[] }).linkedHubs;
        const regex = hubRegex(interaction);
        for (const hub of hubs) {
          assert.match(hub, regex);
          assert.match(hub.toUpperCase(), regex);
        }
        assert.doesNotMatch('rogue-hub.azure-devices.net', regex);
        assert.doesNotMatch(`${hubs[0] ?? ''}x`, regex);
      }
    });

    it(`${dialect}: a profile reaches every interaction: registration ID, group, hubs, payload and the hub rule`, () => {
      const profile = {
        version: 1 as const,
        registrationId: '{caseId}-contoso-tstrsd-007',
        linkedHubs: ['contoso-toasters-hub-1001.azure-devices.net'] as [string],
        enrollmentGroupId: 'contoso-toasters',
        payload: { modelId: 'dtmi:contoso:toaster;1' },
      };
      const changed = applyProfileToPact(pact, profile, dialect);
      assert.deepEqual(
        changed.interactions.map((i) => i.description),
        pact.interactions.map((i) => i.description),
      );
      const member = dialect === 'ga' ? 'payload' : 'data';
      for (const interaction of changed.interactions) {
        const body = interaction.request.body?.content as {
          deviceRuntimeContext: Record<string, unknown>;
          linkedHubs: string[];
          enrollmentGroup?: { enrollmentGroupId: string };
        };
        assert.match(String(body.deviceRuntimeContext['registrationId']), /^contract-.*-contoso-tstrsd-007$/);
        assert.deepEqual(body.linkedHubs, profile.linkedHubs);
        if (body.enrollmentGroup) assert.equal(body.enrollmentGroup.enrollmentGroupId, 'contoso-toasters');
        const data = body.deviceRuntimeContext[member] as Record<string, unknown> | undefined;
        // the interaction's modelId is an example: the policy's devices send the profile's (a modelId router refuses others)
        if (data) {
          assert.equal(data['modelId'], 'dtmi:contoso:toaster;1', "the profile's modelId replaces the interaction's example");
          assert.deepEqual(data['sensors'], ['temperature', 'humidity'], "the interaction's other members stay");
        }
        assert.match('CONTOSO-toasters-hub-1001.azure-devices.net', hubRegex(interaction));
      }
    });
  }
});
