import { Component, html, type LiveEvent, type Renderable } from "../src/index.js";

/** One tab: its title and its panel's content. */
export interface Tab {
  title: string;
  content: Renderable;
  /** A stable key (default: the title), so a tab keeps its panel when tabs are added. */
  key?: string;
}

/** Props of Tabs. */
export interface TabsProps {
  tabs: readonly Tab[];
  /** The tab shown first (its index). Default 0. */
  selected?: number;
  /** Called with the index of the tab the user chose. */
  onSelect?: (index: number) => unknown;
  /** For screen readers: what the tabs are ("Reports"). */
  label?: string;
  /** The ids' prefix (default "tabs"): a tab is `<id>-tab-<i>`, its panel `<id>-panel-<i>`. */
  id?: string;
  class?: string;
}

/**
 * Tabs, PyWebIO's `put_tabs`: a tab list (the WAI-ARIA tabs pattern: `role="tab"`,
 * `aria-selected`, `aria-controls`) and one panel per tab. Every panel stays rendered and the
 * others are hidden, so what the user typed in a tab is still there when they come back. Tab
 * reaches the chosen tab only (a roving tabindex); arrow keys, Home and End move to another and
 * choose it (the `tether-tabs` hook of the on-demand page script `tether-client`).
 */
export class Tabs extends Component<TabsProps, { selected: number }> {
  constructor(props: TabsProps) {
    super(props);
    this.state = { selected: props.selected ?? 0 };
  }

  choose(event: LiveEvent): void {
    const index = Number(event.data.index);
    if (!(index >= 0 && index < this.props.tabs.length)) return;
    this.setState({ selected: index });
    this.callProp(this.props.onSelect, index);
  }

  render(): Renderable {
    const { tabs } = this.props;
    const prefix = this.props.id ?? "tabs";
    const selected = Math.min(this.state.selected, Math.max(tabs.length - 1, 0));
    return html`<div class=${["tether-tabs", this.props.class]}>
      <div class="tether-tablist" role="tablist" aria-label=${this.props.label} t-hook="tether-tabs">${tabs.map((tab, i) => html`<button key=${tab.key ?? tab.title}
        type="button" role="tab" class="tether-tab" id=${`${prefix}-tab-${i}`} aria-selected=${i === selected ? "true" : "false"}
        aria-controls=${`${prefix}-panel-${i}`} tabindex=${i === selected ? "0" : "-1"} data-index=${i} onClick=${this.choose}>${tab.title}</button>`)}</div>
      ${tabs.map((tab, i) => html`<div key=${tab.key ?? tab.title} class="tether-tabpanel" role="tabpanel" id=${`${prefix}-panel-${i}`}
        aria-labelledby=${`${prefix}-tab-${i}`} hidden=${i !== selected}>${tab.content}</div>`)}
    </div>`;
  }
}
