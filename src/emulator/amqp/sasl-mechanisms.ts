/** What rhea's SASL server calls for a mechanism (rhea/lib/sasl.js: `start` then `outcome`). */
interface ServerMechanism {
  outcome: boolean | undefined;
  username: string | undefined;
  start(response: Buffer | undefined, hostname?: string): Promise<void>;
}

/** Splits a SASL PLAIN response `authzid NUL authcid NUL passwd` (RFC 4616). */
function plainFields(response: Buffer | undefined): { username: string; password: string } | undefined {
  if (!response) return undefined;
  const first = response.indexOf(0);
  const second = first < 0 ? -1 : response.indexOf(0, first + 1);
  if (first < 0 || second < 0) return undefined;
  return { username: response.toString('utf8', first + 1, second), password: response.toString('utf8', second + 1) };
}

type Authenticate = (mechanism: string, username: string | undefined, password: string | undefined) => Promise<boolean>;

function mechanism(name: string, authenticate: Authenticate): () => ServerMechanism {
  return () => {
    const m: ServerMechanism = {
      outcome: undefined,
      username: undefined,
      async start(response) {
        const fields = name === 'PLAIN' ? plainFields(response) : undefined;
        // a PLAIN response without its three fields is a user name DPS cannot read
        m.outcome = await authenticate(name, fields?.username, fields?.password);
        if (m.outcome) m.username = fields?.username;
      },
    };
    return m;
  };
}

/**
 * The mechanism table for rhea's SASL server: PLAIN is offered (the one DPS takes for SAS tokens);
 * any other name a device picks is looked up through a proxy and refused through `authenticate`,
 * so the attempt is recorded instead of being failed silently by rhea.
 */
export function saslMechanisms(authenticate: Authenticate): Record<string, () => ServerMechanism> {
  const offered: Record<string, () => ServerMechanism> = { PLAIN: mechanism('PLAIN', authenticate) };
  return new Proxy(offered, {
    get(target, property, receiver) {
      // `in` also sees Object.prototype's members, so `toString` & co. keep their meaning
      if (typeof property === 'string' && !(property in target)) return mechanism(property.slice(0, 64), authenticate);
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
