/**
 * What every input component must do, run by each input's own test file (as hono's routers
 * share one conformance suite): its label names its control, its help and its error message
 * are what `aria-describedby` names, an error sets `aria-invalid`, required and disabled
 * reach the control, and re-rendering the same props sends nothing.
 */
import { afterEach, describe, expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { cleanup, render, type View } from "../../src/testing/index.js";
import type { Input, InputProps } from "../../components/index.js";

afterEach(cleanup);

/** The control of a field: for a group, its first box or button. */
function control(view: View, name: string) {
  return view.get(`[name="${name}"]`);
}

export function describeInput<P extends InputProps<any>>(title: string, input: Input<P, any>, props: P, options: { group?: boolean } = {}): void {
  describe(`${title}: the field's wiring`, () => {
    test("the label names the control (<label for>, or a legend and a label per choice)", async () => {
      const view = await render(input, { props: { ...props, label: "The label" } });
      if (options.group) {
        expect(view.get("fieldset legend").text).toContain("The label");
        const first = control(view, props.name);
        expect(view.get(`label[for="${first.attr("id")}"]`).text.trim()).not.toBe("");
      } else {
        expect(view.getByLabel(/The label/).attr("name")).toBe(props.name);
      }
    });

    test("help text is what aria-describedby names; an error replaces it and sets aria-invalid", async () => {
      const helped = await render(input, { props: { ...props, help: "Some help" } });
      const described = helped.query(`[aria-describedby]`)!;
      expect(helped.get(`#${described.attr("aria-describedby")}`).text).toBe("Some help");
      expect(control(helped, props.name).attr("aria-invalid")).toBeNull();

      const failing = await render(input, { props: { ...props, help: "Some help", error: "Not like that." } });
      const invalid = control(failing, props.name);
      expect(invalid.attr("aria-invalid")).toBe("true");
      const describedBy = failing.query(`[aria-invalid="true"][aria-describedby]`) ?? failing.get(`[aria-describedby]`);
      expect(failing.get(`#${describedBy.attr("aria-describedby")}`).text).toBe("Not like that.");
      expect(failing.get(".tether-field").attr("class")).toContain("tether-invalid");
    });

    test("required and disabled reach the control; the id is given or the name", async () => {
      const view = await render(input, { props: { ...props, label: "Label", required: true, disabled: true, id: "custom" } });
      const el = control(view, props.name);
      if (!options.group) {
        expect(el.attr("id")).toBe("custom");
        expect(el.attr("required")).not.toBeNull();
      } else expect(view.get("fieldset").attr("id")).toBe("custom");
      expect(el.attr("disabled") !== null || view.query("fieldset[disabled]") !== null).toBe(true);
      expect(view.get(".tether-required").text).toContain("*");
    });

    test("the same props again send no op; a new error sends only its attribute and text", () => {
      const tree = new LiveTree();
      tree.render(h(input, { ...props } as unknown as Record<string, unknown>));
      expect(tree.render(h(input, { ...props } as unknown as Record<string, unknown>))).toEqual([]);
      const ops = tree.render(h(input, { ...props, error: "Wrong." } as unknown as Record<string, unknown>));
      // aria-invalid and aria-describedby on the control(s), the wrapper's class, the message's text: nothing re-created.
      expect(ops.every((op) => op[0] !== 1 && op[0] !== 2)).toBe(true);
      expect(ops.some((op) => op[0] === 7 && op[2] === "Wrong.")).toBe(true);
    });
  });
}
