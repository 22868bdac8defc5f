/** The local addresses a process listens on for a port, from /proc/net/tcp and tcp6 (hex, little-endian IPv4). */
export async function listeningAddresses(port: number): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [hex, portHex] = local.split(':');
      if (Number.parseInt(portHex ?? '', 16) !== port || !hex) continue;
      found.push(hex.length === 8 ? (hex.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)).join('.') : `ipv6:${hex}`);
    }
  }
  return found;
}
