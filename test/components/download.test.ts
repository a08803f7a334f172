import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render } from "../../src/testing/index.js";
import { Download } from "../../components/index.js";

afterEach(cleanup);

describe("Download", () => {
  test("a link with the download attribute whose data: URL holds the bytes", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const view = await render(Download, { props: { filename: "data.bin", content: bytes } });
    const link = view.get("a.tether-download");
    expect([link.attr("download"), link.text]).toEqual(["data.bin", "Download data.bin"]);
    expect(link.attr("href")).toBe(`data:application/octet-stream;base64,${Buffer.from(bytes).toString("base64")}`);
  });

  test("text is saved as UTF-8 with its type; a type that could run as a page is saved as bytes", async () => {
    const csv = await render(Download, { props: { filename: "a.csv", content: "é,1\n", type: "text/csv" } });
    expect(csv.get("a").attr("href")).toBe(`data:text/csv;base64,${Buffer.from("é,1\n").toString("base64")}`);
    const page = await render(Download, { props: { filename: "a.html", content: "<script>1</script>", type: "text/html" } });
    expect(page.get("a").attr("href")).toMatch(/^data:application\/octet-stream;base64,/);
  });

  test("a file too large for a link, a path or a stream: the link points at the session's offer", async () => {
    const big = await render(Download, { props: { filename: "big.bin", content: new Uint8Array(512 * 1024 + 1) } });
    expect(big.get("a").attr("href")).toMatch(/^\/_tether\/download\/[\w-]+\/big\.bin$/);
    const file = await render(Download, { props: { filename: "a b.txt", path: "/tmp/a.txt" } });
    expect(file.get("a").attr("href")).toMatch(/^\/_tether\/download\/[\w-]+\/a%20b\.txt$/);
    expect(file.get("a").attr("download")).toBe("a b.txt");
  });
});
