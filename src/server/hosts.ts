// Which Host headers the server answers (DNS rebinding): loopback names by default, plus the names given with --allow-host.

/** `localhost`, any 127.0.0.0/8 address, `::1` (bracketed or not) and their IPv4-mapped forms. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host name of a Host header (`name:port`, `[v6]:port`), lower case, and its port (undefined when absent). */
export function parseHostHeader(header: string): { name: string; port: number | undefined } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m) return undefined;
  return { name: (m[1] as string).toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) };
}

/**
 * The Host check: a request is answered when its Host names a loopback host, the bound address
 * (an address literal, which no DNS answer can forge), or a name given with --allow-host, at the server's port.
 * Binding to 0.0.0.0 never turns it off: a page on another site that resolves its own name to this
 * machine still sends its own name as Host, and gets 421.
 */
export function hostChecker(bound: string, allow: readonly string[], port: number): (header: string | undefined) => boolean {
  const names = new Set(allow.map((a) => (parseHostHeader(a)?.name ?? a).toLowerCase()));
  names.add((bound.includes(":") && !bound.startsWith("[") ? `[${bound}]` : bound).toLowerCase());
  return (header) => {
    const h = header === undefined ? undefined : parseHostHeader(header);
    if (!h) return false;
    if (h.port !== undefined ? h.port !== port : port !== 80) return false;
    return isLoopback(h.name) || names.has(h.name);
  };
}
