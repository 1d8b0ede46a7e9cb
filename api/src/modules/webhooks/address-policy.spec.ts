import { checkWebhookUrl, isPrivateAddress } from "./address-policy";

describe("isPrivateAddress()", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::10.0.0.1",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("accepts %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("checkWebhookUrl()", () => {
  it("refuses a loopback host unless private addresses are allowed", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1:9/hook", false)).rejects.toThrow(/private or local/);
    await expect(checkWebhookUrl("http://[::ffff:127.0.0.1]/hook", false)).rejects.toThrow(/private or local/);
    await expect(checkWebhookUrl("http://localhost/hook", false)).rejects.toThrow(/private or local/);
    await expect(checkWebhookUrl("http://127.0.0.1:9/hook", true)).resolves.toBeInstanceOf(URL);
  });

  it("refuses other schemes and credentials", async () => {
    await expect(checkWebhookUrl("ftp://example.com/", true)).rejects.toThrow(/http/);
    await expect(checkWebhookUrl("file:///etc/passwd", true)).rejects.toThrow(/http/);
    await expect(checkWebhookUrl("http://user:pw@example.com/", true)).rejects.toThrow(/credentials/);
    await expect(checkWebhookUrl("not a url", true)).rejects.toThrow(/valid/);
  });

  it("accepts a public address literal", async () => {
    await expect(checkWebhookUrl("https://93.184.216.34/hook", false)).resolves.toBeInstanceOf(URL);
  });
});
