/**
 * The XSS corpus: payloads that try to turn data into script, each rendered through Tether's
 * public API (`html`, `h`, the JSX runtime, spread props, `raw()`). Each says its class (what
 * of the page it attacks), how it reaches the page, and whether rendering it is refused (a
 * TypeError whose message the suite asserts; the page then keeps its last good render) or
 * renders inert. Classes follow issue 15 and the OWASP XSS filter evasion cheat sheet.
 *
 * A payload that ran would call `js` (`__xss(id)`, the page's trap) or, from a frame of
 * another origin, `frameJs` (a message to the top window): the suite asserts neither happens.
 * Script in a <script> element's own text is not here: what a template writes there is code,
 * by the template's author (see the README's Security section).
 */
import { h, html, raw, type Renderable } from "../../src/index.js";
import { jsx, jsxs } from "../../src/template/jsx-runtime.js";

export type XssClass =
  | "text"
  | "attribute value"
  | "url"
  | "namespace"
  | "raw text"
  | "tag name"
  | "attribute name"
  | "event prop"
  | "prototype key"
  | "forged vnode"
  | "raw html";

export type Via = "html" | "html spread" | "h" | "JSX runtime" | "raw()";

export interface XssPayload {
  /** Its number: what it would run reports it. */
  id: number;
  class: XssClass;
  /** The public API it reaches the page through. */
  via: Via;
  /** What it tries. */
  name: string;
  /** The tree that carries it; `js` reports this payload when run in the page, `frameJs` from any frame. */
  render(js: string, frameJs: string): Renderable;
  /** Rendering it is refused with a TypeError matching this; absent: it renders, and nothing of it runs. */
  refused?: RegExp;
}

const corpus: XssPayload[] = [];

function add(cls: XssClass, via: Via, name: string, render: XssPayload["render"], refused?: RegExp): void {
  corpus.push({ id: corpus.length + 1, class: cls, via, name, render, refused });
}

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;
/** A function whose text is script: rendered as an attribute, it would run. */
const scriptyFunction = (js: string) => Object.assign(() => undefined, { toString: () => js });

const REFUSED_HANDLER = /event handlers must be server functions/;
const REFUSED_FUNCTION = /only on… props take functions/;
const REFUSED_TAG = /is not a valid tag name/;
const REFUSED_NAME = /is not (?:a valid|allowed as an) attribute name/;
const REFUSED_FORGED = /shaped like a vnode/;

// Text: children are escaped, wherever they stand.
add("text", "html", "a script element as text", (js) => html`<p>${`<script>${js}</script>`}</p>`);
add("text", "h", "an image with onerror as text", (js) => h("p", null, `<img src=x onerror=${js}>`));
add("text", "JSX runtime", "closing the element, then svg onload", (js) => jsx("p", { children: `</p><svg onload=${js}>` }));
add("text", "html", "markup inside a comment", (js) => html`<div>${`<!--<img src=x onerror=${js}>-->`}</div>`);
add("text", "html", "entities that decode to markup", (js) => html`<p>${`&lt;img src=x onerror=${js}&gt;`}</p>`);
add("text", "html", "leaving a textarea", (js) => html`<textarea>${`</textarea><img src=x onerror=${js}>`}</textarea>`);
add("text", "html", "leaving a title", (js) => html`<title>${`</title><img src=x onerror=${js}>`}</title>`);
add("text", "html", "leaving a noscript", (js) => html`<noscript>${`</noscript><img src=x onerror=${js}>`}</noscript>`);
add("text", "html", "leaving an option and its select", (js) => html`<select><option>${`</option></select><img src=x onerror=${js}>`}</option></select>`);
add("text", "html", "leaving an iframe's fallback text", (js) => html`<iframe>${`</iframe><img src=x onerror=${js}>`}</iframe>`);
add("text", "JSX runtime", "several text children making a tag between them", (js) => jsxs("p", { children: ["<img src=x ", `onerror=${js}`, ">"] }));

// Attribute values: quoted and escaped, as text and as DOM properties.
add("attribute value", "html", "a double quote ending the value", (js) => html`<p title=${`" onmouseover="${js}" x="`}>t</p>`);
add("attribute value", "html", "a single quote and a tag", (js) => html`<p title=${`'><img src=x onerror=${js}>`}>t</p>`);
add("attribute value", "h", "autofocus and onfocus in a class", (js) => h("input", { class: `x" autofocus onfocus="${js}` }));
add("attribute value", "html", "an input's value leaving its tag", (js) => html`<input value=${`"><img src=x onerror=${js}>`} />`);
add("attribute value", "html", "a textarea's value leaving it", (js) => html`<textarea value=${`</textarea><img src=x onerror=${js}>`}></textarea>`);
add("attribute value", "html", "an attribute ending a noscript (mXSS)", (js) => html`<noscript><p title=${`</noscript><img src=x onerror=${js}>`}></p></noscript>`);
add("attribute value", "html", "an attribute ending a style element", (js) => html`<style data-x=${`</style><img src=x onerror=${js}>`}></style>`);
add("attribute value", "html spread", "a spread value leaving its tag", (js) => html`<p ...${{ title: `"><img src=x onerror=${js}>` }}>t</p>`);

// URLs in every URL attribute.
add("url", "html", "a href javascript:", (js) => html`<a href=${`javascript:${js}`}>x</a>`);
add("url", "h", "a href in mixed case", (js) => h("a", { href: `JaVaScRiPt:${js}` }, "x"));
add("url", "JSX runtime", "a href with a leading control character and space", (js) => jsx("a", { href: `\u0001 javascript:${js}`, children: "x" }));
add("url", "html", "a href with a tab inside the scheme", (js) => html`<a href=${`java\tscript:${js}`}>x</a>`);
add("url", "html", "a href with a newline inside the scheme", (js) => html`<a href=${`java\nscript:${js}`}>x</a>`);
add("url", "html", "a href with an entity-encoded scheme", (js) => html`<a href=${`&#106;avascript:${js}`}>x</a>`);
add("url", "html", "a href with a hex entity tab", (js) => html`<a href=${`jav&#x09;ascript:${js}`}>x</a>`);
add("url", "html", "a href vbscript:", () => html`<a href=${"vbscript:msgbox(1)"}>x</a>`);
add("url", "html", "a href to a data: HTML document", (_js, frameJs) => html`<a href=${`data:text/html,<script>${frameJs}</script>`}>x</a>`);
add("url", "html", "an iframe src javascript:", (js) => html`<iframe src=${`javascript:parent.${js}`}></iframe>`);
add("url", "h", "an iframe src data:text/html", (_js, frameJs) => h("iframe", { src: `data:text/html,<script>${frameJs}</script>` }));
add("url", "html", "an iframe src data:text/html in base64", (_js, frameJs) => html`<iframe src=${`data:text/html;base64,${btoa(`<script>${frameJs}</script>`)}`}></iframe>`);
add("url", "html", "an object data: HTML document", (_js, frameJs) => html`<object data=${`data:text/html,<script>${frameJs}</script>`}></object>`);
add("url", "JSX runtime", "an embed src data: SVG with onload", (_js, frameJs) => jsx("embed", { src: `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${frameJs}"/>` }));
add("url", "html", "a form action", (js) => html`<form action=${`javascript:${js}`}><button>go</button></form>`);
add("url", "html", "a button formaction", (js) => html`<form><button formaction=${`javascript:${js}`}>go</button></form>`);
add("url", "h", "an input formaction", (js) => h("form", null, h("input", { type: "submit", formaction: `javascript:${js}` })));
add("url", "html", "an img src javascript:", (js) => html`<img src=${`javascript:${js}`} />`);
add("url", "html", "an SVG a with xlink:href", (js) => html`<svg><a xlink:href=${`javascript:${js}`}><text y="20">x</text></a></svg>`);
add("url", "html", "an SVG a with href", (js) => html`<svg><a href=${`javascript:${js}`}><text y="20">x</text></a></svg>`);
add("url", "html", "SVG set of href to javascript:", (js) => html`<svg><a><set attributeName="href" to=${`javascript:${js}`} /><text y="20">x</text></a></svg>`);
add("url", "html", "SVG animate values to javascript:", (js) => html`<svg><a><animate attributeName="href" values=${`#a;javascript:${js}`} dur="1s" /><text y="20">x</text></a></svg>`);
add("url", "h", "SVG animate from javascript:", (js) => h("svg", null, h("a", null, h("animate", { attributeName: "href", from: `javascript:${js}`, to: "#b", dur: "1s" }), h("text", { y: 20 }, "x"))));
add("url", "html", "a base href", (js) => html`<base href=${`javascript:${js}//`} />`);
add("url", "html", "a meta refresh to javascript:", (js) => html`<meta http-equiv="refresh" content=${`0;url=javascript:${js}`} />`);
add("url", "html", "an iframe srcdoc with a script", (js) => html`<iframe srcdoc=${`<script>parent.${js}</script>`}></iframe>`);
add("url", "JSX runtime", "an iframe srcdoc with onerror", (js) => jsx("iframe", { srcdoc: `<img src=x onerror="parent.${js}">` }));
add("url", "html", "an img srcset candidate", (js) => html`<img srcset=${`x.png 1x, javascript:${js} 2x`} />`);
add("url", "html", "a video poster", (js) => html`<video poster=${`javascript:${js}`}></video>`);
add("url", "html", "a blockquote cite", (js) => html`<blockquote cite=${`javascript:${js}`}>q</blockquote>`);
add("url", "html", "a URL object", (js) => html`<a href=${new URL(`javascript:${js}`)}>x</a>`);
add("url", "html spread", "a spread href", (js) => html`<a ...${{ href: `javascript:${js}` }}>x</a>`);
add("url", "html", "a table background", (js) => html`<table background=${`javascript:${js}`}><tr><td>x</td></tr></table>`);
add("url", "html", "an SVG image in img src (inert, kept)", (js) => html`<img src=${`data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${js}"/>`} />`);

// Namespaces: style and script text in SVG and MathML.
add("namespace", "html", "svg style text as markup", (js) => html`<svg><style>${`<img src=x onerror=${js}>`}</style></svg>`);
add("namespace", "html", "math style text as markup", (js) => html`<math><style>${`<img src=x onerror=${js}>`}</style></math>`);
add("namespace", "h", "SVG written in capitals", (js) => h("SVG", null, h("style", null, `<img src=x onerror=${js}>`)));
add("namespace", "html", "mglyph inside mtext keeps MathML", (js) => html`<math><mtext><mglyph><style>${`<img src=x onerror=${js}>`}</style></mglyph></mtext></math>`);
add("namespace", "html", "svg title inside math is MathML", (js) => html`<math><svg><title><style>${`<img src=x onerror=${js}>`}</style></title></svg></math>`);
add("namespace", "html", "leaving style in foreignObject", (js) => html`<svg><foreignObject><style>${`</style><img src=x onerror=${js}>`}</style></foreignObject></svg>`);

// Raw text: <style> and <script> in HTML.
add("raw text", "html", "leaving a style element", (js) => html`<style>${`</style><img src=x onerror=${js}>`}</style>`);
add("raw text", "html", "a style closer split across two holes", (js) => html`<style>${"</sty"}${`le><img src=x onerror=${js}>`}</style>`);
add("raw text", "h", "leaving STYLE in capitals", (js) => h("STYLE", null, `</STYLE ><img src=x onerror=${js}>`));
add("raw text", "html", "leaving a JSON data island", (js) => html`<script type="application/json">${JSON.stringify({ a: `</script><img src=x onerror=${js}>` })}</script>`);
add("raw text", "html", "a comment opener swallowing the script's end", (js) => html`<script type="application/json">${`<!--<script>`}</script><p>${`</script><img src=x onerror=${js}>`}</p>`);

// Tag names from data.
add("tag name", "h", "attributes in the tag name", (js) => h(`img src=x onerror=${js}`, null), REFUSED_TAG);
add("tag name", "html", "a dynamic tag with onload", (js) => html`<${`svg onload=${js}`}>x<//>`, REFUSED_TAG);
add("tag name", "JSX runtime", "a script in the tag name", (js) => jsx(`script>${js}</script`, {}), REFUSED_TAG);
add("tag name", "html", "slashes in the tag name", (js) => html`<${`img/src=x/onerror=${js}`} />`, REFUSED_TAG);
add("tag name", "h", "an href in the tag name", (js) => h(`a href=javascript:${js}`, null, "x"), REFUSED_TAG);

// Attribute names from data.
add("attribute name", "html spread", "a name that closes its quote", (js) => html`<p ...${{ [`x" onfocus="${js}" autofocus tabindex="1`]: 1 }}>t</p>`, REFUSED_NAME);
add("attribute name", "h", ".innerHTML, a DOM property on the wire", (js) => h("div", { ".innerHTML": `<img src=x onerror=${js}>` }), REFUSED_NAME);
add("attribute name", "JSX runtime", ".outerHTML", (js) => jsx("div", { ".outerHTML": `<img src=x onerror=${js}>` }), REFUSED_NAME);
add("attribute name", "html spread", "an = inside the name", (js) => html`<img ...${{ [`src=x onerror`]: js }} />`, REFUSED_NAME);
add("attribute name", "html spread", "a slash inside the name", (js) => html`<img ...${{ [`src/onerror`]: js }} />`, REFUSED_NAME);
add("attribute name", "html spread", "@click, an event binding on the wire", (js) => html`<button ...${json(`{"@click": "${js}"}`)}>b</button>`, REFUSED_NAME);

// Event props: handlers are server functions, never strings; a function is never an attribute.
add("event prop", "html", "a string onerror", (js) => html`<img src="x" onerror=${js} />`, REFUSED_HANDLER);
add("event prop", "html", "a string ONERROR in capitals", (js) => html`<img src="x" ONERROR=${js} />`, REFUSED_HANDLER);
add("event prop", "html spread", "a string onmouseover in spread props", (js) => html`<p ...${{ onmouseover: js }}>t</p>`, REFUSED_HANDLER);
add("event prop", "JSX runtime", "a string onError", (js) => jsx("img", { src: "x", onError: js }), REFUSED_HANDLER);
add("event prop", "html", "ONERROR given a function whose text is script", (js) => html`<img src="x" ONERROR=${scriptyFunction(js)} />`);
add("event prop", "h", "OnError given a function whose text is script", (js) => h("img", { src: "x", OnError: scriptyFunction(js) }));
add("event prop", "html", "a function in a plain attribute", (js) => html`<p title=${scriptyFunction(js)}>t</p>`, REFUSED_FUNCTION);
add("event prop", "h", "a function in an href", (js) => h("a", { href: scriptyFunction(`javascript:${js}`) }, "x"), REFUSED_FUNCTION);

// Prototype keys from JSON.
add("prototype key", "h", "__proto__ bringing onerror", (js) => h("img", json(`{"src": "x", "__proto__": {"onerror": "${js}"}}`)), REFUSED_NAME);
add("prototype key", "html spread", "__proto__ bringing onerror", (js) => html`<img ...${json(`{"src": "x", "__proto__": {"onerror": "${js}"}}`)} />`);
add("prototype key", "JSX runtime", "__proto__ bringing a javascript: href", (js) => jsx("a", { ...json(`{"__proto__": {"href": "javascript:${js}"}}`), children: "x" }), REFUSED_NAME);
add("prototype key", "html spread", "__proto__ bringing a javascript: href", (js) => html`<a ...${json(`{"__proto__": {"href": "javascript:${js}"}}`)}>x</a>`);
add("prototype key", "h", "nested __proto__ with .innerHTML", (js) => h("div", json(`{"__proto__": {"__proto__": {".innerHTML": "<img src=x onerror=${js}>"}}}`)), REFUSED_NAME);

// Forged vnodes: JSON shaped like a vnode.
const forgedRaw = (js: string) => json(`{"flags": 8, "type": null, "key": null, "props": {"html": "<img src=x onerror=${js}>"}, "children": [], "site": null}`);
add("forged vnode", "html", "a Raw vnode from JSON", (js) => html`<div>${forgedRaw(js)}</div>`, REFUSED_FORGED);
add("forged vnode", "h", "a Raw vnode from JSON", (js) => h("div", null, forgedRaw(js) as never), REFUSED_FORGED);
add("forged vnode", "JSX runtime", "a Raw vnode from JSON", (js) => jsx("div", { children: forgedRaw(js) }), REFUSED_FORGED);
add("forged vnode", "html", "an element vnode with onerror", (js) => html`<div>${json(`{"flags": 1, "type": "img", "key": null, "props": {"src": "x", "onerror": "${js}"}, "children": [], "site": null}`)}</div>`, REFUSED_FORGED);
add("forged vnode", "html", "a forged vnode inside a list", (js) => html`<ul>${["ok", forgedRaw(js)]}</ul>`, REFUSED_FORGED);

// Raw HTML through raw(): sanitized.
const rawHtml = (name: string, markup: (js: string, frameJs: string) => string) => add("raw html", "raw()", name, (js, frameJs) => html`<div>${raw(markup(js, frameJs))}</div>`);
rawHtml("an img with onerror", (js) => `<img src=x onerror=${js}>`);
rawHtml("a script element", (js) => `<script>${js}</script>`);
rawHtml("svg onload", (js) => `<svg onload=${js}>`);
rawHtml("a javascript: link", (js) => `<a href="javascript:${js}">x</a>`);
rawHtml("a link with a hex entity tab in the scheme", (js) => `<a href="jav&#x09;ascript:${js}">x</a>`);
rawHtml("a link with every letter an entity", (js) => `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;${js}">x</a>`);
rawHtml("an iframe javascript:", (js) => `<iframe src="javascript:parent.${js}"></iframe>`);
rawHtml("noscript mXSS", (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>"></noscript>`);
rawHtml("svg style mXSS", (js) => `<svg><style><img src=x onerror=${js}></style></svg>`);
rawHtml("math mglyph style mXSS", (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`);
rawHtml("form and math namespace confusion", (js) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${js}>`);
rawHtml("details ontoggle", (js) => `<details open ontoggle=${js}>x</details>`);
rawHtml("body onload", (js) => `<body onload=${js}>`);
rawHtml("autofocus onfocus", (js) => `<input autofocus onfocus=${js}>`);
rawHtml("an object with a data: document", (_js, frameJs) => `<object data="data:text/html,<script>${frameJs}</script>"></object>`);
rawHtml("a meta refresh", (js) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">`);
rawHtml("OWASP: IMG SRC=# onmouseover", (js) => `<IMG SRC=# onmouseover="${js}">`);
rawHtml("OWASP: malformed IMG then SCRIPT", (js) => `<IMG """><SCRIPT>${js}</SCRIPT>">`);
rawHtml("OWASP: IMG SRC=javascript:", (js) => `<IMG SRC=javascript:${js}>`);
rawHtml("OWASP: extraneous open brackets", (js) => `<<SCRIPT>${js}//<</SCRIPT>`);
rawHtml("OWASP: SCRIPT/XSS with a data: src", (js) => `<SCRIPT/XSS SRC="data:text/javascript,${js}"></SCRIPT>`);
rawHtml("OWASP: TABLE BACKGROUND", (js) => `<TABLE BACKGROUND="javascript:${js}"><TR><TD>x</TD></TR></TABLE>`);
rawHtml("OWASP: DIV STYLE expression", (js) => `<DIV STYLE="width: expression(${js});">x</DIV>`);
rawHtml("SVG animate of href", (js) => `<svg><a><animate attributeName=href values=javascript:${js} /><text x=20 y=20>X</text></a></svg>`);
rawHtml("onerror with eval of another attribute", () => `<img src=x:alert(alt) onerror=eval(src) alt=0>`);

export const XSS_CORPUS: readonly XssPayload[] = corpus;
