import { afterEach, describe, expect, test } from "vitest";
import { h, html, LiveTree } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Op } from "../../src/protocol/wire.js";
import { Progress, Table } from "../../components/index.js";

afterEach(cleanup);

describe("Table", () => {
  test("from rows: a header row, column and row spans, a header cell in the body", async () => {
    const rows = [
      [{ content: "Fruit", header: true, rowspan: 2 }, "apple", 3],
      ["pear", 5],
      [{ content: "Total", colspan: 2 }, 8],
    ];
    const view = await render(Table, { props: { header: ["Kind", "Name", "Count"], rows, caption: "Stock" } });
    expect(view.get("caption").text).toBe("Stock");
    expect(view.getAll("thead th").map((th) => th.text)).toEqual(["Kind", "Name", "Count"]);
    const th = view.get("tbody th");
    expect([th.text, th.attr("rowspan"), th.attr("scope")]).toEqual(["Fruit", "2", "row"]);
    expect(view.getAll("tbody tr").map((_, i) => view.getAll(`tbody tr:nth-child(${i + 1}) > *`).map((c) => c.text))).toEqual([["Fruit", "apple", "3"], ["pear", "5"], ["Total", "8"]]);
    expect(view.get("tbody tr:last-child td").attr("colspan")).toBe("2");
  });

  test("two header rows with a spanned group", async () => {
    const header = [[{ content: "Person", colspan: 2 }, { content: "Age", rowspan: 2 }], ["First", "Last"]];
    const view = await render(Table, { props: { header, rows: [["Ada", "Lovelace", 36]] } });
    const group = view.get("thead tr:first-child th");
    expect([group.text, group.attr("colspan"), group.attr("scope")]).toEqual(["Person", "2", "colgroup"]);
    expect(view.get("thead tr:first-child th:last-child").attr("rowspan")).toBe("2");
  });

  test("from objects: the columns given (or the first object's keys) and their headers", async () => {
    const data = [{ name: "Ada", age: 36, city: "London" }, { name: "Alan", age: 41, city: "Wilmslow" }];
    const view = await render(Table<(typeof data)[number]>, { props: { data, columns: ["name", { key: "age", header: "Age (years)" }] } });
    expect(view.getAll("thead th").map((th) => th.text)).toEqual(["name", "Age (years)"]);
    expect(view.getAll("tbody td").map((td) => td.text)).toEqual(["Ada", "36", "Alan", "41"]);
    const all = await render(Table, { props: { data } });
    expect(all.getAll("thead th").map((th) => th.text)).toEqual(["name", "age", "city"]);
  });

  test("cells may be components", async () => {
    const rows = [["Upload", h(Progress, { value: 0.5, label: "Upload progress", id: "up" })]];
    const view = await render(() => html`<${Table} rows=${rows} />`);
    expect(view.get("td progress#up").attr("value")).toBe("0.5");
  });

  test("a changed cell is one SetText", () => {
    const tree = new LiveTree();
    tree.render(h(Table, { rows: [["a", "b"], ["c", "d"]] }));
    const ops = tree.render(h(Table, { rows: [["a", "b"], ["c", "e"]] }));
    expect(ops.map((op) => [op[0], op[2]])).toEqual([[Op.SetText, "e"]]);
  });
});
