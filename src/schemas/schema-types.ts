/**
 * The TypeScript type of each schema, from the types generated out of the schemas
 * (`src/schemas/generated/`, `npm run generate:types`; a test fails when they drift). The registry
 * builds type guards from this map, so a value that passed a schema is typed without a cast.
 */
import type { CTRFReport } from 'ctrf';
import type { AdapterRegisterReply } from './generated/adapter/register-reply.js';
import type { AdapterRegisterRequest } from './generated/adapter/register-request.js';
import type { AdapterRequest } from './generated/adapter/request.js';
import type { AdapterStartReply } from './generated/adapter/start-reply.js';
import type { AdapterStartRequest } from './generated/adapter/start-request.js';
import type { AdapterStopReply } from './generated/adapter/stop-reply.js';
import type { AdapterStopRequest } from './generated/adapter/stop-request.js';
import type { AllocationRequestGa } from './generated/ga/allocation-request.js';
import type { AllocationResponseGa } from './generated/ga/allocation-response.js';
import type { ErrorBodyGa } from './generated/ga/error-body.js';
import type { RegistrationOperationStatusGa } from './generated/ga/operation-status.js';
import type { RegistrationRequestGa } from './generated/ga/registration-request.js';
import type { RegistrationResultGa } from './generated/ga/registration-result.js';
import type { UserCaseFile } from './generated/harness/cases.js';
import type { CorpusEntry } from './generated/harness/corpus.js';
import type { ImplementationDeclaration } from './generated/harness/declaration.js';
import type { EmulatorConfiguration } from './generated/harness/emulator-config.js';
import type { ShieldsIoEndpointBadge } from './generated/harness/shields-endpoint.js';
import type { WaiversFile } from './generated/harness/waivers.js';
import type { WebhookProfile } from './generated/harness/webhook-profile.js';
import type { AttestationEnvelope } from './generated/report/attestation.js';
import type { ConformanceResultsStatement } from './generated/report/conformance-statement.js';
import type { DpsConformanceCtrfJsonLayout1 } from './generated/report/ctrf-layout-1.js';
import type { DpsConformanceCtrfJsonLayouts2To4 } from './generated/report/ctrf-layout-2.js';
import type { AllocationRequestPreview } from './generated/preview/allocation-request.js';
import type { AllocationResponsePreview } from './generated/preview/allocation-response.js';
import type { ErrorBodyPreview } from './generated/preview/error-body.js';
import type { RegistrationOperationStatusPreview } from './generated/preview/operation-status.js';
import type { RegistrationRequestPreview } from './generated/preview/registration-request.js';
import type { RegistrationResultPreview } from './generated/preview/registration-result.js';

/** Schema name (as the registry names it) to the type of a document valid against it. */
export interface SchemaTypes {
  'adapter/register-reply': AdapterRegisterReply;
  'adapter/register-request': AdapterRegisterRequest;
  'adapter/request': AdapterRequest;
  'adapter/start-reply': AdapterStartReply;
  'adapter/start-request': AdapterStartRequest;
  'adapter/stop-reply': AdapterStopReply;
  'adapter/stop-request': AdapterStopRequest;
  /** the `ctrf` package's schema, with the package's type */
  'ctrf/report': CTRFReport;
  'ga/allocation-request': AllocationRequestGa;
  'ga/allocation-response': AllocationResponseGa;
  'ga/error-body': ErrorBodyGa;
  'ga/operation-status': RegistrationOperationStatusGa;
  'ga/registration-request': RegistrationRequestGa;
  'ga/registration-result': RegistrationResultGa;
  'harness/cases': UserCaseFile;
  'harness/corpus': CorpusEntry;
  'harness/declaration': ImplementationDeclaration;
  'harness/emulator-config': EmulatorConfiguration;
  'harness/shields-endpoint': ShieldsIoEndpointBadge;
  'harness/waivers': WaiversFile;
  'harness/webhook-profile': WebhookProfile;
  'preview/allocation-request': AllocationRequestPreview;
  'preview/allocation-response': AllocationResponsePreview;
  'preview/error-body': ErrorBodyPreview;
  'preview/operation-status': RegistrationOperationStatusPreview;
  'preview/registration-request': RegistrationRequestPreview;
  'preview/registration-result': RegistrationResultPreview;
  'report/attestation': AttestationEnvelope;
  'report/conformance-statement': ConformanceResultsStatement;
  'report/ctrf-layout-1': DpsConformanceCtrfJsonLayout1;
  'report/ctrf-layout-2': DpsConformanceCtrfJsonLayouts2To4;
}

/** A schema with a generated type. */
export type TypedSchemaName = keyof SchemaTypes;
