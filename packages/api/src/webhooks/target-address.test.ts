import { describe, expect, it } from "vitest";
import { forbiddenTargetReason, isForbiddenAddress } from "./target-address";

describe("webhook targets", () => {
  it("refuse loopback, private, link-local (cloud metadata), unique-local and mapped addresses", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.9",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fd00:ec2::254",
      "fe80::1",
      "::ffff:10.0.0.1",
      "224.0.0.1",
    ]) {
      expect(isForbiddenAddress(address), address).toBe(true);
    }
  });

  it("take public addresses", () => {
    for (const address of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"])
      expect(isForbiddenAddress(address), address).toBe(false);
  });

  it("check what a name resolves to, not how it is written", async () => {
    expect(await forbiddenTargetReason("http://localhost:8080/hook")).toMatch(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(await forbiddenTargetReason("http://[::1]/hook")).toMatch(/::1/);
    expect(await forbiddenTargetReason("https://93.184.216.34/hook")).toBeNull();
  });
});
