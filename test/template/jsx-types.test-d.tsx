/**
 * JSX's element types (src/template/jsx-types.ts), checked by `tsc --noEmit` (which `npm test`
 * runs): every line compiles except those under `@ts-expect-error`, which must not (a line that
 * compiles there is an error of its own, "unused @ts-expect-error").
 */
import { describe, expectTypeOf, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { raw } from "../../src/template/raw.js";
import type { EventHandler, HtmlAttributes, LiveEvent } from "../../src/template/jsx-runtime.js";
import type { VNode } from "../../src/vnode/vnode.js";

const handle = (event: LiveEvent): void => void event;

describe("JSX element types", () => {
  it("refuses a misspelt event prop, and a handler that is not a server function", () => {
    // @ts-expect-error: onClikc is not an event
    void <button onClikc={handle}>Go</button>;
    // @ts-expect-error: onInptu is not an event
    void <input onInptu={handle} />;
    // @ts-expect-error: a string of code is refused at render; the type says so first
    void <button onClick="alert(1)">Go</button>;
    // @ts-expect-error: a handler receives a LiveEvent, not a number
    void <button onClick={(n: number) => n}>Go</button>;
  });

  it("refuses a misspelt attribute, and one the element does not have", () => {
    // @ts-expect-error: vlaue
    void <input vlaue="x" />;
    // @ts-expect-error: hreff
    void <a hreff="/">home</a>;
    // @ts-expect-error: classname (Tether's alias is className)
    void <div classname="x" />;
    // @ts-expect-error: a div has no href
    void <div href="/" />;
    // @ts-expect-error: for belongs to label and output
    void <div for="name" />;
    // @ts-expect-error: ref does nothing in Tether: it is not a prop
    void <div ref={{}} />;
    // @ts-expect-error: viewbox (SVG names are case-sensitive)
    void <svg viewbox="0 0 10 10" />;
    // @ts-expect-error: a button's type is one of three
    void <button type="sumbit">Go</button>;
    // @ts-expect-error: a function never renders as an attribute
    void <div title={() => "x"} />;
  });

  it("accepts every event prop the README documents, each with a LiveEvent handler", () => {
    const check = (event: LiveEvent) => expectTypeOf(event).toEqualTypeOf<LiveEvent>();
    void (
      <form onSubmit={check} onChange={check} onInput={check}>
        <input onKeyDown={check} onKeyUp={check} onFocus={check} onBlur={check} />
        <button onClick={check} onDblClick={check} onDoubleClick={check}>Go</button>
      </form>
    );
    // The parameter is inferred, in either spelling HTML and the diff accept.
    void <button onClick={(e) => expectTypeOf(e).toEqualTypeOf<LiveEvent>()} onclick={(e) => expectTypeOf(e).toEqualTypeOf<LiveEvent>()} />;
    void <div onPointerDown={handle} onmouseenter={handle} onScroll={handle} onToggle={handle} onKeyPress={handle} />;
    // Async handlers, handlers that ignore the event, and none at all.
    const save: EventHandler = async () => {};
    const editing = false as boolean;
    void <button onClick={async (e) => e.shiftKey} onInput={() => {}} onChange={editing && save} onBlur={undefined} onFocus={null} />;
  });

  it("binds an event outside the list (a custom event the page dispatches) through a spread", () => {
    void <div {...{ onRefresh: handle }} />;
    // @ts-expect-error: written as an attribute, it is taken for a misspelling
    void <div onRefresh={handle} />;
  });

  it("takes a component's methods as handlers", () => {
    class Counter extends Component<Record<string, never>, { n: number }> {
      state = { n: 0 };
      inc(event: LiveEvent): void {
        this.setState({ n: this.state.n + (event.shiftKey ? 10 : 1) });
      }
      render() {
        return <button onClick={this.inc}>{this.state.n}</button>;
      }
    }
    void Counter;
  });

  it("accepts data-*, aria-* and Tether's t-* attributes", () => {
    void <li data-id={7} data-row={{ id: 7 }} aria-label="Row" aria-hidden={true} role="row" />;
    void <input t-debounce={300} t-throttle="100" t-key="Enter,Escape" />;
    void <div t-ignore />;
    // TypeScript takes any JSX attribute with a dash it is not told by name; the patterns type props given as an object.
    const attrs: HtmlAttributes = { "aria-label": "Row", "data-row": { id: 7 } };
    void <li {...attrs} />;
    // @ts-expect-error: an aria attribute is text, a number or a boolean
    const bad: HtmlAttributes = { "aria-label": { text: "x" } };
    void bad;
    // @ts-expect-error: t-debounce is a number of milliseconds
    void <input t-debounce={() => 300} />;
  });

  it("accepts the global attributes, with class and style in Tether's forms", () => {
    const on = true as boolean;
    void <div id="a" class="x" title="t" hidden tabindex={0} lang="en" dir="rtl" draggable spellcheck={false} style="color:red" />;
    void <div class={{ active: on }} className={["a", on && "b"]} style={{ fontSize: 12, "--gap": "1rem" }} inert popover="manual" />;
    void <p contenteditable="plaintext-only" translate="no" slot="s" part="p" itemscope itemprop="name" accesskey="k" />;
  });

  it("accepts the element-specific attributes", () => {
    void (
      <form action="/save" method="post" enctype="multipart/form-data" novalidate autocomplete="off">
        <label for="name" htmlFor="name">Name</label>
        <input id="name" name="name" type="text" value="Ada" placeholder="name" required maxlength={40} readonly={false} autofocus />
        <input type="checkbox" checked indeterminate={false} disabled />
        <input type="number" min={0} max={10} step={0.5} value={3} />
        <select name="pet" multiple size={3} value="cat">
          <optgroup label="Pets">
            <option value="cat" selected>Cat</option>
          </optgroup>
        </select>
        <textarea name="bio" rows={3} cols={40} wrap="soft" value="hi" />
        <button type="submit" name="go" value="1" formaction="/other" formnovalidate>Save</button>
        <output for="a b" name="sum" form="f" />
      </form>
    );
    void <a href="/x" target="_blank" rel="noopener" download="x.txt">x</a>;
    void <img src="/a.png" alt="" width={10} height="10" loading="lazy" srcset="/a.png 1x" />;
    void <iframe src="/frame" srcdoc="<p>hi</p>" sandbox="" allow="fullscreen" />;
    void (
      <table>
        <tr>
          <th scope="col" colspan={2} abbr="N">Name</th>
          <td rowspan={2} headers="h">Ada</td>
        </tr>
      </table>
    );
    void <video src="/v.mp4" controls muted loop playsinline poster="/p.png" />;
    void <details open name="faq"><summary>Q</summary></details>;
    void <dialog open closedby="any" />;
    void <meta name="viewport" content="width=device-width" />;
    void <ol start={3} reversed type="a" />;
    void <progress value={3} max={10} />;
    void <meter value={0.5} low={0.2} high={0.8} />;
  });

  it("accepts SVG with its own, case-sensitive names", () => {
    void (
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width={10} height={10}>
        <defs>
          <linearGradient id="g" gradientUnits="userSpaceOnUse">
            <stop offset="0" stop-color="red" />
          </linearGradient>
        </defs>
        <g transform="translate(1 1)" fill="url(#g)" stroke="black" stroke-width={2}>
          <path d="M0 0L10 10" stroke-linecap="round" />
          <circle cx={5} cy={5} r={4} onClick={handle} />
          <text x={1} y={9} text-anchor="start">t</text>
        </g>
        <use href="#g" />
      </svg>
    );
  });

  it("accepts keys, children of every kind and raw HTML", () => {
    const rows: VNode[] = [1, 2].map((n) => <li key={n}>{n}</li>);
    void <ul key="list">{rows}{null}{false}{"text"}{3}{raw("<b>b</b>")}</ul>;
    // Components take a key beside their props.
    class Card extends Component<{ title: string }> {
      render() {
        return <h2>{this.props.title}</h2>;
      }
    }
    const Label = (props: { text: string }) => <span>{props.text}</span>;
    void <Card key="c" title="T" />;
    void <Label key={1} text="x" />;
    // @ts-expect-error: a component's props are its own
    void <Card titel="T" />;
  });

  it("accepts custom elements (a tag with a dash) with any attribute, handlers still typed", () => {
    void <my-widget foo="bar" count={3} config={{ a: 1 }} onClick={(e) => expectTypeOf(e).toEqualTypeOf<LiveEvent>()} />;
    // @ts-expect-error: an unknown tag without a dash is a misspelt element
    void <buttn />;
  });

  it("accepts possibly-undefined values (exactOptionalPropertyTypes)", () => {
    const text = undefined as string | undefined;
    const count = undefined as number | undefined;
    const flag = undefined as boolean | undefined;
    void <input value={text} maxlength={count} disabled={flag} title={text} class={text} style={text} onClick={undefined} data-x={text} />;
  });
});
