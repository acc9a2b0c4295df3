import { isIPv4, isIPv6 } from "node:net";

/**
 * What an IP address reaches. Only `public` may be fetched on a creator's behalf: everything
 * else is this machine, the local network or addresses no public page lives at.
 */
export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "link_local"
  | "unique_local"
  | "multicast"
  | "reserved";

type Range = readonly [network: bigint, prefixLength: number, kind: AddressClass];

// IPv4 special-purpose ranges (RFC 6890 and the IANA registry); the first match wins.
const IPV4_RANGES: readonly Range[] = [
  [ipv4("0.0.0.0"), 8, "unspecified"],
  [ipv4("10.0.0.0"), 8, "private"],
  [ipv4("100.64.0.0"), 10, "private"], // carrier-grade NAT
  [ipv4("127.0.0.0"), 8, "loopback"],
  [ipv4("169.254.0.0"), 16, "link_local"],
  [ipv4("172.16.0.0"), 12, "private"],
  [ipv4("192.0.0.0"), 24, "reserved"],
  [ipv4("192.0.2.0"), 24, "reserved"],
  [ipv4("192.88.99.0"), 24, "reserved"],
  [ipv4("192.168.0.0"), 16, "private"],
  [ipv4("198.18.0.0"), 15, "reserved"],
  [ipv4("198.51.100.0"), 24, "reserved"],
  [ipv4("203.0.113.0"), 24, "reserved"],
  [ipv4("224.0.0.0"), 4, "multicast"],
  [ipv4("240.0.0.0"), 4, "reserved"], // includes 255.255.255.255
];

/**
 * Classifies an IPv4 or IPv6 address (no brackets, no port). IPv6 forms that carry an IPv4
 * address (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) take the class of
 * the address they carry; anything outside global unicast `2000::/3` is not public. Text that is
 * not an address is `reserved`, so callers never fetch what they could not classify.
 */
export function classifyAddress(address: string): AddressClass {
  if (isIPv4(address)) return classifyIpv4(ipv4(address));
  if (isIPv6(address)) return classifyIpv6(ipv6(address));
  return "reserved";
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === "public";
}

function classifyIpv4(value: bigint): AddressClass {
  return matchRange(value, 32, IPV4_RANGES) ?? "public";
}

function classifyIpv6(value: bigint): AddressClass {
  const top = (bits: number) => value >> BigInt(128 - bits);
  const low32 = value & 0xffff_ffffn;
  if (value === 0n) return "unspecified";
  if (value === 1n) return "loopback";
  if (top(96) === 0xffffn) return classifyIpv4(low32); // ::ffff:a.b.c.d
  if (top(96) === 0x0064_ff9b_0000_0000_0000_0000n) return classifyIpv4(low32); // NAT64
  if (top(16) === 0x2002n) return classifyIpv4((value >> 80n) & 0xffff_ffffn); // 6to4
  if (top(7) === 0x7en) return "unique_local"; // fc00::/7
  if (top(10) === 0x3fan) return "link_local"; // fe80::/10
  if (top(10) === 0x3fbn) return "private"; // fec0::/10, deprecated site-local
  if (top(8) === 0xffn) return "multicast";
  if (top(32) === 0x2001_0db8n) return "reserved"; // documentation
  if (top(32) === 0x2001_0000n) return "reserved"; // Teredo: hides the real IPv4 address
  if (top(3) !== 0b001n) return "reserved"; // not global unicast (includes ::a.b.c.d)
  return "public";
}

function matchRange(value: bigint, width: number, ranges: readonly Range[]): AddressClass | null {
  for (const [network, prefixLength, kind] of ranges) {
    const shift = BigInt(width - prefixLength);
    if (value >> shift === network >> shift) return kind;
  }
  return null;
}

function ipv4(address: string): bigint {
  return address.split(".").reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** Expects text `isIPv6` accepted; a zone (`%eth0`) is dropped. */
function ipv6(address: string): bigint {
  let text = address.split("%")[0] ?? "";
  // A trailing dotted IPv4 part stands for the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill("0");
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}
