/** The registration a DPS AMQP address or SASL user name names. */
export interface DpsAmqpIdentity {
  idScope: string;
  registrationId: string;
}

const REGISTRATION_PATH = /^\/?([^/]+)\/registrations\/([^/]+)$/;

/**
 * Parses a link address or SASL PLAIN user name. The SDKs spell the same thing three ways (see
 * docs/protocol/amqp.md): Node `{idScope}/registrations/{id}`, Java `/{idScope}/registrations/{id}`,
 * C `amqps://{host}/{idScope}/registrations/{id}`; the user name is the first form.
 */
export function parseDpsAmqpAddress(address: string | undefined): DpsAmqpIdentity | undefined {
  if (!address) return undefined;
  let path = address;
  const scheme = /^amqps?:\/\/[^/]*(\/.*)$/.exec(address);
  if (scheme) path = scheme[1]!;
  const match = REGISTRATION_PATH.exec(path);
  if (!match) return undefined;
  return { idScope: match[1]!, registrationId: match[2]! };
}

/** Whether two identities name the same registration (the registration ID is case-insensitive, as on HTTPS). */
export function sameIdentity(a: DpsAmqpIdentity, b: DpsAmqpIdentity): boolean {
  return a.idScope.toLowerCase() === b.idScope.toLowerCase() && a.registrationId.toLowerCase() === b.registrationId.toLowerCase();
}
