import { COMPONENT_FIELDS, type Component } from "../component/component.js";
import { DEV_REPORT_COMPONENTS, type InspectedComponent } from "../protocol/wire.js";
import { summarize, type SummaryBudget } from "../protocol/summarize.js";
import { isVNode, type VNode } from "../vnode/vnode.js";
import { VNodeFlags } from "../vnode/flags.js";
import { childAt, childCount, firstDomId, type LiveNode } from "./live-node.js";
import { componentName } from "./render-component.js";
import type { LiveTree } from "./live-tree.js";

/** Values summarized per report, every component's props, state and fields together. */
const REPORT_VALUES = 5000;

/** The component tree a DevReport carries, and how many components it left out past DEV_REPORT_COMPONENTS. */
export interface Inspection {
  components: InspectedComponent[];
  left: number;
}

interface Inspecting {
  budget: SummaryBudget;
  count: number;
  left: number;
}

/**
 * Development only (the devtools, src/session/session-inspector.ts): a tree's components in
 * page order, nested as they rendered each other, each with its name, key, first DOM node, and
 * a bounded summary of its props, its state and its other own fields.
 */
export function inspectTree(tree: LiveTree): Inspection {
  const state: Inspecting = { budget: { left: REPORT_VALUES }, count: 0, left: 0 };
  const components: InspectedComponent[] = [];
  collect(tree.root, components, state);
  return { components, left: state.left };
}

function collect(live: LiveNode, into: InspectedComponent[], state: Inspecting): void {
  if (live.instance !== undefined) {
    if (state.count === DEV_REPORT_COMPONENTS) {
      state.left++;
    } else {
      state.count++;
      const component = inspectComponent(live, state.budget);
      into.push(component);
      const children: InspectedComponent[] = [];
      for (let i = 0, n = childCount(live); i < n; i++) collect(childAt(live, i), children, state);
      if (children.length > 0) component.c = children;
      return;
    }
  }
  for (let i = 0, n = childCount(live); i < n; i++) collect(childAt(live, i), into, state);
}

function inspectComponent(live: LiveNode, budget: SummaryBudget): InspectedComponent {
  const vnode = live.vnode as VNode;
  const out: InspectedComponent = { n: componentName(vnode), id: firstDomId(live), p: summarize(vnode.props, budget, describeVNode) };
  if (vnode.key !== null) out.k = vnode.key;
  const instance: Component | null | undefined = live.instance;
  if (instance == null) return out;
  out.s = summarize(instance.state, budget, describeVNode);
  const fields: Record<string, unknown> = {};
  let any = false;
  for (const name of Object.keys(instance)) {
    if (COMPONENT_FIELDS.has(name)) continue;
    // Read as data only (an own accessor is the summarizer's to show, not to run).
    Object.defineProperty(fields, name, Object.getOwnPropertyDescriptor(instance, name)!);
    any = true;
  }
  if (any) out.f = summarize(fields, budget, describeVNode);
  return out;
}

/** A vnode (a child passed in props, a tree kept in state) as its tag: `<li>`, `<Row>`, `<>`. */
function describeVNode(value: object): string | undefined {
  if (!isVNode(value)) return undefined;
  if (typeof value.type === "string") return `<${value.type}>`;
  if ((value.flags & VNodeFlags.Component) !== 0) return componentName(value);
  return (value.flags & VNodeFlags.Fragment) !== 0 ? "<>" : "raw HTML";
}
