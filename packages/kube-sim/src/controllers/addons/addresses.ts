/** FNV-1a: a stable 32-bit hash, so an object keeps its address across runs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A deterministic address in `10.<second>.0.0/16` for a key. Ingress and
 * load-balancer addresses use their own second octet, apart from the
 * cluster IPs (10.96.0.0/16) kube-sim allocates to Services.
 */
export function addressFor(secondOctet: number, key: string): string {
  const h = hash(key);
  return `10.${secondOctet}.${(h >>> 8) & 0xff}.${(h % 254) + 1}`;
}
