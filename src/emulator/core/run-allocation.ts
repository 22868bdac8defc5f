import { AllocationFailure } from '../error-catalogue.js';
import type { AllocationContext } from '../allocation/allocator.js';
import type { CoreContext } from './core-context.js';
import type { Operation, RegistrationRecord } from './registration-book.js';
import type { RegistrationPlan } from './registration-plan.js';
import { dpsTimestamp } from './dps-timestamp.js';

/**
 * Starts allocation for an operation in the background; polls read `operation.outcome`. A disabled
 * enrollment never reaches the allocator; a planned outcome replaces it. An allocator that throws is
 * a harness fault, reported to the device as a failed allocation and noted in the transcript.
 */
export function startAllocation(context: CoreContext, record: RegistrationRecord, operation: Operation, plan: RegistrationPlan): void {
  delete operation.outcome;
  if (operation.enrollment.provisioningStatus === 'disabled') {
    operation.outcome = { kind: 'disabled' };
    return;
  }
  if (plan.allocation) {
    operation.outcome = plan.allocation;
    return;
  }
  const started = Date.now();
  const allocationContext: AllocationContext = {
    dialect: operation.dialect,
    idScope: context.idScope,
    registrationId: operation.registrationId,
    enrollment: operation.enrollment,
    hasData: operation.hasData,
    linkedHubs: context.linkedHubs,
    maxJsonDepth: context.maxJsonDepth,
    signal: context.signal,
    trace: (event) =>
      context.transcript.record({
        at: dpsTimestamp(),
        frontEnd: 'webhook',
        kind: event.what,
        registrationId: operation.registrationId,
        request: event.requestText === undefined ? { body: event.request } : { body: event.request, bodyText: event.requestText },
        response: event.responseText === undefined ? { body: event.response } : { body: event.response, bodyText: event.responseText },
        ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}),
        ...(event.error !== undefined ? { notes: { notes: [event.error] } } : {}),
      }),
  };
  if (operation.hasData) allocationContext.data = operation.data;
  if (operation.clientCertificate !== undefined) allocationContext.clientCertificate = operation.clientCertificate;
  if (operation.dataJson !== undefined) allocationContext.dataJson = operation.dataJson;
  if (record.current) allocationContext.current = record.current;
  operation.settling = context.allocator(allocationContext).then(
    (outcome) => {
      operation.outcome = outcome;
      context.transcript.record({ at: dpsTimestamp(), frontEnd: 'webhook', kind: 'allocation', registrationId: operation.registrationId, request: {}, response: { body: outcome }, durationMs: Date.now() - started });
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      operation.outcome = { kind: 'failed', errorCode: AllocationFailure.customAllocationFailed, errorMessage: 'Custom allocation failed: internal emulator error' };
      context.transcript.record({ at: dpsTimestamp(), frontEnd: 'webhook', kind: 'allocation', registrationId: operation.registrationId, request: {}, notes: { notes: [`harness fault: allocator threw: ${message}`] } });
    },
  );
}
