import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyAddress, isPublicAddress } from "./classify-address.ts";

describe("classifyAddress", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "link_local"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
  ] as const)("classifies IPv4 %s as %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.15.255.255",
    "172.32.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "192.169.0.1",
    "11.0.0.1",
    "126.255.255.255",
    "128.0.0.1",
  ])("classifies IPv4 %s as public when it is just outside a special range", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });

  it.each([
    ["::", "unspecified"],
    ["0:0:0:0:0:0:0:0", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fc00::1", "unique_local"],
    ["fd12:3456:789a::1", "unique_local"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["febf::1", "link_local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
    ["::a00:1", "reserved"],
    ["100::1", "reserved"],
  ] as const)("classifies IPv6 %s as %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::FFFF:10.1.2.3", "private"],
    ["::ffff:a9fe:a9fe", "link_local"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["0:0:0:0:0:ffff:192.168.0.1", "private"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["2002:0a00:0001::1", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["2002:0808:0808::1", "public"],
  ] as const)("classifies IPv6 %s by the IPv4 address it carries (%s)", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(["2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:4860:4860::8888"])(
    "classifies global unicast IPv6 %s as public",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each(["", "localhost", "example.com", "[::1]", "1.2.3", "999.1.1.1", "::1::2"])(
    "treats %j, which is not an address, as not public",
    (text) => {
      expect(classifyAddress(text)).toBe("reserved");
      expect(isPublicAddress(text)).toBe(false);
    },
  );

  it("gives an IPv4-mapped IPv6 address the class of the IPv4 address it carries", () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        expect(classifyAddress(`::ffff:${v4}`)).toBe(classifyAddress(v4));
        expect(classifyAddress(`64:ff9b::${v4}`)).toBe(classifyAddress(v4));
      }),
    );
  });
});
