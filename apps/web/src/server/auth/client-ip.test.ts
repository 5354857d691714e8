import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { trustProxySetting } from "~/env";
import { compileTrust, createClientIpResolver } from "./client-ip";

const request = (peer: string, forwardedFor?: string) =>
  ({
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
  }) as unknown as IncomingMessage;

const resolver = (setting: string) => createClientIpResolver(compileTrust(trustProxySetting(setting)));

describe("the client's address", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY names the proxy (a client cannot pick a new address per request)", () => {
    const ip = resolver("false");
    expect(ip(request("198.51.100.7", "10.9.8.7"))).toBe("198.51.100.7");
    expect(ip(request("198.51.100.7", "10.9.8.6"))).toBe("198.51.100.7");
  });

  it("believes the proxies TRUST_PROXY names, and no one else", () => {
    const ip = resolver("loopback");
    expect(ip(request("127.0.0.1", "203.0.113.5"))).toBe("203.0.113.5");
    expect(ip(request("198.51.100.7", "203.0.113.5"))).toBe("198.51.100.7");
    // A client that sends its own X-Forwarded-For through our proxy gets the proxy's view of it, not its own.
    expect(ip(request("127.0.0.1", "6.6.6.6, 203.0.113.5"))).toBe("203.0.113.5");
  });

  it("takes a number of hops", () => {
    expect(resolver("1")(request("10.0.0.2", "6.6.6.6, 203.0.113.5"))).toBe("203.0.113.5");
    expect(resolver("2")(request("10.0.0.2", "6.6.6.6, 203.0.113.5"))).toBe("6.6.6.6");
  });
});
