/**
 * JSX's element types: every HTML element and the common SVG ones, with the attributes Tether
 * renders for them, so that a misspelt attribute or event prop (`onClikc`) is a compile error.
 *
 * Names are as Tether writes them into the page: HTML's own, lowercase (`tabindex`, `readonly`,
 * `colspan`), plus the two React spellings Tether maps (`className` → `class`, `htmlFor` → `for`,
 * h.ts); SVG's are case-sensitive and kept as SVG spells them (`viewBox`, `stroke-width`). Event
 * props are `on` + the DOM event's name, camel-cased (`onKeyDown`) or lowercase (`onkeydown`),
 * as the diff reads any case; an event outside the list (a custom event the page dispatches)
 * binds through a spread, `{...{ onRefresh: reload }}`. The lists follow the HTML standard's
 * element and attribute indexes (obsolete attributes left out). A tag with a dash (a custom
 * element) takes any attribute.
 *
 * TypeScript checks a JSX attribute whose name has a dash only if the element declares it by
 * name: the `t-*` and SVG attributes below have typed values, a misspelt `stroke-widht` goes
 * unnoticed, and the `data-*` and `aria-*` patterns type only spread props (`{...attrs}`).
 *
 * Values: `null`, `undefined` and `false` leave an attribute out, `true` writes it empty, anything
 * else is written as text. Optional props say `| undefined` so that they hold under
 * `exactOptionalPropertyTypes`.
 */
import type { ClientCommands } from "./client-commands.js";
import type { Child } from "../vnode/vnode.js";
import type { ClassValue } from "./attributes.js";
import type { EventHandler } from "./event-handler.js";

/** An attribute written as text (a number as its digits); `false`, `null`, `undefined` leave it out. */
export type AttributeText = string | number | false | null | undefined;
/** A boolean attribute: present when true. */
export type AttributeFlag = boolean | null | undefined;
/** `style` as text, or an object: `{ fontSize: 12, "--gap": "1rem" }` is `font-size:12px;--gap:1rem`. */
export type StyleValue = string | Record<string, string | number | false | null | undefined> | false | null | undefined;
/** What an `on…` prop takes: a server handler, or nothing (`onClick={editing && save}`). */
export type EventProp = EventHandler | false | null | undefined;

/** DOM events a handler can be bound to, as their `on…` props spell them after `on`. */
type EventName =
  // Mouse, pointer, touch, wheel
  | "Click" | "DblClick" | "DoubleClick" | "AuxClick" | "ContextMenu" | "MouseDown" | "MouseUp" | "MouseMove"
  | "MouseEnter" | "MouseLeave" | "MouseOver" | "MouseOut" | "PointerDown" | "PointerUp" | "PointerMove"
  | "PointerEnter" | "PointerLeave" | "PointerOver" | "PointerOut" | "PointerCancel" | "GotPointerCapture"
  | "LostPointerCapture" | "TouchStart" | "TouchEnd" | "TouchMove" | "TouchCancel" | "Wheel"
  // Keyboard, focus, text
  | "KeyDown" | "KeyUp" | "KeyPress" | "Focus" | "Blur" | "FocusIn" | "FocusOut"
  | "CompositionStart" | "CompositionUpdate" | "CompositionEnd" | "Copy" | "Cut" | "Paste"
  | "Select" | "SelectStart" | "SelectionChange"
  // Forms
  | "Input" | "BeforeInput" | "Change" | "Submit" | "Reset" | "Invalid" | "FormData"
  // Drag and drop
  | "Drag" | "DragStart" | "DragEnd" | "DragEnter" | "DragLeave" | "DragOver" | "Drop"
  // Loading, scrolling, dialogs, popovers, details
  | "Load" | "Error" | "Abort" | "Scroll" | "ScrollEnd" | "Resize" | "Toggle" | "BeforeToggle" | "Close" | "Cancel"
  | "SlotChange" | "SecurityPolicyViolation" | "ContextLost" | "ContextRestored"
  // Animations and transitions
  | "AnimationStart" | "AnimationEnd" | "AnimationIteration" | "AnimationCancel"
  | "TransitionStart" | "TransitionEnd" | "TransitionRun" | "TransitionCancel"
  // Media
  | "CanPlay" | "CanPlayThrough" | "DurationChange" | "Emptied" | "Ended" | "LoadedData" | "LoadedMetadata"
  | "LoadStart" | "Pause" | "Play" | "Playing" | "Progress" | "RateChange" | "Seeked" | "Seeking" | "Stalled"
  | "Suspend" | "TimeUpdate" | "VolumeChange" | "Waiting" | "CueChange";

/** `onClick` and `onclick` for every event: one server handler each (README, Events). */
export type EventProps = { [E in EventName as `on${E}` | `on${Lowercase<E>}`]?: EventProp };

/** What HTML and SVG elements share: children, identity, class and style, ARIA, data, Tether's `t-*` attributes, events. */
export interface CoreAttributes extends EventProps {
  children?: Child;
  /** Identity in a list: kept, moved, never re-created while the key stays. */
  key?: string | number | null | undefined;
  id?: AttributeText;
  /** A string, an array, or `{ name: condition }` (README, Templates). */
  class?: ClassValue;
  /** The same as `class`. */
  className?: ClassValue;
  style?: StyleValue;
  tabindex?: AttributeText;
  lang?: AttributeText;
  role?: AttributeText;
  nonce?: AttributeText;
  autofocus?: AttributeFlag;
  /** Rendered as text; the handler's `event.data` has the value itself, with its server-side type. */
  [data: `data-${string}`]: unknown;
  [aria: `aria-${string}`]: AttributeText | boolean;
  /** Milliseconds to wait after the last event before sending it (the latest one). */
  "t-debounce"?: AttributeText;
  /** At most one event per this many milliseconds. */
  "t-throttle"?: AttributeText;
  /** Only these keys (comma-separated `KeyboardEvent.key` values) trigger keydown and keyup. */
  "t-key"?: AttributeText;
  /** The element's children belong to the page (a third-party widget): never patched. */
  "t-ignore"?: AttributeFlag;
  /** Client commands run in the page on a click, with no round trip: `JS.toggle("#menu")`. */
  "t-js"?: ClientCommands | AttributeText;
  /** Client commands run in the page on another event: `t-js-keydown`, `t-js-submit`, … */
  [commands: `t-js-${string}`]: ClientCommands | AttributeText | undefined;
  /** The page-side hook `tether.hooks.<name>` for this element: mounted, updated, destroyed, … */
  "t-hook"?: AttributeText;
}

/** HTML's global attributes: every HTML element takes them. */
export interface HtmlAttributes extends CoreAttributes {
  accesskey?: AttributeText; autocapitalize?: AttributeText; autocorrect?: AttributeText;
  contenteditable?: AttributeText | boolean; dir?: AttributeText; draggable?: AttributeText | boolean;
  enterkeyhint?: AttributeText; exportparts?: AttributeText; hidden?: AttributeText | boolean; inert?: AttributeFlag;
  inputmode?: AttributeText; is?: AttributeText; itemid?: AttributeText; itemprop?: AttributeText;
  itemref?: AttributeText; itemscope?: AttributeFlag; itemtype?: AttributeText; part?: AttributeText;
  popover?: AttributeText | boolean; slot?: AttributeText; spellcheck?: AttributeText | boolean;
  title?: AttributeText; translate?: AttributeText; writingsuggestions?: AttributeText | boolean;
}

// ——— Groups of attributes several elements share ———

interface Sized { width?: AttributeText; height?: AttributeText }
interface Cited { cite?: AttributeText }
interface Edit extends Cited { datetime?: AttributeText }
interface Named { name?: AttributeText }
/** Form-associated controls. */
interface Control extends Named { disabled?: AttributeFlag; form?: AttributeText }
/** A button or input that submits: overrides of its form's attributes. */
interface Submitter {
  formaction?: AttributeText; formenctype?: AttributeText; formmethod?: AttributeText;
  formnovalidate?: AttributeFlag; formtarget?: AttributeText;
  popovertarget?: AttributeText; popovertargetaction?: AttributeText;
}
interface Hyperlink {
  href?: AttributeText; target?: AttributeText; download?: AttributeText | boolean; ping?: AttributeText;
  rel?: AttributeText; hreflang?: AttributeText; referrerpolicy?: AttributeText;
}
interface Fetched { crossorigin?: AttributeText | boolean; referrerpolicy?: AttributeText; fetchpriority?: AttributeText }
/** `for`, written `for` or, as in React, `htmlFor`. */
interface ForAttribute { for?: AttributeText; htmlFor?: AttributeText }
/**
 * A control's value; on an input, textarea or select Tether sets it as the DOM property, so it
 * wins over what the attribute said (README, Templates).
 */
interface Valued { value?: AttributeText }
interface TextEntry {
  autocomplete?: AttributeText; dirname?: AttributeText; maxlength?: AttributeText; minlength?: AttributeText;
  placeholder?: AttributeText; readonly?: AttributeFlag; required?: AttributeFlag;
}
interface Media extends Fetched {
  src?: AttributeText; autoplay?: AttributeFlag; controls?: AttributeFlag; controlslist?: AttributeText;
  loop?: AttributeFlag; muted?: AttributeFlag; preload?: AttributeText;
}

// ——— HTML elements with attributes of their own ———

export interface AnchorAttributes extends HtmlAttributes, Hyperlink { type?: AttributeText }
export interface AreaAttributes extends HtmlAttributes, Hyperlink { alt?: AttributeText; coords?: AttributeText; shape?: AttributeText }
export interface BaseAttributes extends HtmlAttributes { href?: AttributeText; target?: AttributeText }
export interface ButtonAttributes extends HtmlAttributes, Control, Submitter, Valued {
  type?: "button" | "submit" | "reset" | null | undefined; command?: AttributeText; commandfor?: AttributeText;
}
export interface ColAttributes extends HtmlAttributes { span?: AttributeText }
export interface DetailsAttributes extends HtmlAttributes, Named { open?: AttributeFlag }
export interface DialogAttributes extends HtmlAttributes { open?: AttributeFlag; closedby?: AttributeText }
export interface EmbedAttributes extends HtmlAttributes, Sized { src?: AttributeText; type?: AttributeText }
export interface FieldsetAttributes extends HtmlAttributes, Control {}
export interface FormAttributes extends HtmlAttributes, Named {
  "accept-charset"?: AttributeText; action?: AttributeText; autocomplete?: AttributeText; enctype?: AttributeText;
  method?: AttributeText; novalidate?: AttributeFlag; rel?: AttributeText; target?: AttributeText;
}
export interface IframeAttributes extends HtmlAttributes, Sized, Named {
  src?: AttributeText;
  /** A document of the page's own origin: sanitized as `raw()` is. */
  srcdoc?: AttributeText;
  allow?: AttributeText; allowfullscreen?: AttributeFlag; loading?: AttributeText; referrerpolicy?: AttributeText; sandbox?: AttributeText;
}
export interface ImgAttributes extends HtmlAttributes, Sized, Fetched {
  alt?: AttributeText; src?: AttributeText; srcset?: AttributeText; sizes?: AttributeText; usemap?: AttributeText;
  ismap?: AttributeFlag; decoding?: AttributeText; loading?: AttributeText;
}
export interface InputAttributes extends HtmlAttributes, Control, Submitter, Valued, TextEntry, Sized {
  type?: AttributeText; accept?: AttributeText; alpha?: AttributeFlag; alt?: AttributeText; capture?: AttributeText | boolean;
  colorspace?: AttributeText; list?: AttributeText; max?: AttributeText; min?: AttributeText; multiple?: AttributeFlag;
  pattern?: AttributeText; size?: AttributeText; src?: AttributeText; step?: AttributeText;
  /** A checkbox's or radio's state, set as the DOM property. */
  checked?: AttributeFlag;
  /** A checkbox's third state: a DOM property only, never an attribute. */
  indeterminate?: AttributeFlag;
}
export interface LabelAttributes extends HtmlAttributes, ForAttribute {}
export interface LiAttributes extends HtmlAttributes, Valued {}
export interface LinkAttributes extends HtmlAttributes, Fetched {
  href?: AttributeText; rel?: AttributeText; as?: AttributeText; media?: AttributeText; hreflang?: AttributeText;
  type?: AttributeText; sizes?: AttributeText; imagesrcset?: AttributeText; imagesizes?: AttributeText;
  integrity?: AttributeText; blocking?: AttributeText; color?: AttributeText; disabled?: AttributeFlag;
}
export interface MetaAttributes extends HtmlAttributes, Named {
  content?: AttributeText; charset?: AttributeText; "http-equiv"?: AttributeText; media?: AttributeText; property?: AttributeText;
}
export interface MeterAttributes extends HtmlAttributes, Valued {
  min?: AttributeText; max?: AttributeText; low?: AttributeText; high?: AttributeText; optimum?: AttributeText;
}
export interface ObjectAttributes extends HtmlAttributes, Sized, Named { data?: AttributeText; type?: AttributeText; form?: AttributeText }
export interface OlAttributes extends HtmlAttributes { reversed?: AttributeFlag; start?: AttributeText; type?: AttributeText }
export interface OptgroupAttributes extends HtmlAttributes { disabled?: AttributeFlag; label?: AttributeText }
export interface OptionAttributes extends HtmlAttributes, Valued {
  disabled?: AttributeFlag; label?: AttributeText;
  /** Set as the DOM property, so it wins over what the attribute said. */
  selected?: AttributeFlag;
}
export interface OutputAttributes extends HtmlAttributes, ForAttribute, Named { form?: AttributeText }
export interface ProgressAttributes extends HtmlAttributes, Valued { max?: AttributeText }
export interface QuoteAttributes extends HtmlAttributes, Cited {}
export interface EditAttributes extends HtmlAttributes, Edit {}
export interface ScriptAttributes extends HtmlAttributes, Fetched {
  src?: AttributeText; type?: AttributeText; async?: AttributeFlag; defer?: AttributeFlag; nomodule?: AttributeFlag;
  integrity?: AttributeText; blocking?: AttributeText;
}
export interface SelectAttributes extends HtmlAttributes, Control, Valued {
  autocomplete?: AttributeText; multiple?: AttributeFlag; required?: AttributeFlag; size?: AttributeText;
}
export interface SlotAttributes extends HtmlAttributes, Named {}
export interface SourceAttributes extends HtmlAttributes, Sized {
  src?: AttributeText; srcset?: AttributeText; sizes?: AttributeText; type?: AttributeText; media?: AttributeText;
}
export interface StyleAttributes extends HtmlAttributes { media?: AttributeText; blocking?: AttributeText }
export interface TableCellAttributes extends HtmlAttributes {
  colspan?: AttributeText; rowspan?: AttributeText; headers?: AttributeText;
  /** `th` only. */
  scope?: AttributeText;
  /** `th` only. */
  abbr?: AttributeText;
}
export interface TemplateAttributes extends HtmlAttributes {
  shadowrootmode?: AttributeText; shadowrootdelegatesfocus?: AttributeFlag; shadowrootclonable?: AttributeFlag;
  shadowrootserializable?: AttributeFlag;
}
export interface TextareaAttributes extends HtmlAttributes, Control, Valued, TextEntry {
  cols?: AttributeText; rows?: AttributeText; wrap?: AttributeText;
}
export interface TimeAttributes extends HtmlAttributes { datetime?: AttributeText }
export interface TrackAttributes extends HtmlAttributes {
  default?: AttributeFlag; kind?: AttributeText; label?: AttributeText; src?: AttributeText; srclang?: AttributeText;
}
export interface AudioAttributes extends HtmlAttributes, Media {}
export interface VideoAttributes extends HtmlAttributes, Media, Sized {
  poster?: AttributeText; playsinline?: AttributeFlag; disablepictureinpicture?: AttributeFlag; disableremoteplayback?: AttributeFlag;
}

/** HTML elements that take only the global attributes. */
type PlainHtmlTag =
  | "abbr" | "address" | "article" | "aside" | "b" | "bdi" | "bdo" | "body" | "br" | "caption" | "cite" | "code"
  | "datalist" | "dd" | "dfn" | "div" | "dl" | "dt" | "em" | "figcaption" | "figure" | "footer"
  | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "head" | "header" | "hgroup" | "hr" | "html" | "i" | "kbd" | "legend"
  | "main" | "mark" | "menu" | "nav" | "noscript" | "p" | "picture" | "pre" | "rp" | "rt" | "ruby" | "s" | "samp"
  | "search" | "section" | "small" | "span" | "strong" | "sub" | "summary" | "sup" | "table" | "tbody" | "tfoot"
  | "thead" | "title" | "tr" | "u" | "ul" | "var" | "wbr";

// ——— SVG ———

/**
 * The attributes of SVG elements, one set for all of them (the common geometry, presentation,
 * gradient, filter and animation attributes): a misspelt name is caught, an attribute on an
 * element that ignores it is not.
 */
export interface SvgAttributes extends CoreAttributes {
  xmlns?: AttributeText; "xmlns:xlink"?: AttributeText; viewBox?: AttributeText; preserveAspectRatio?: AttributeText;
  x?: AttributeText; y?: AttributeText; x1?: AttributeText; y1?: AttributeText; x2?: AttributeText; y2?: AttributeText;
  cx?: AttributeText; cy?: AttributeText; r?: AttributeText; rx?: AttributeText; ry?: AttributeText;
  fx?: AttributeText; fy?: AttributeText; fr?: AttributeText; dx?: AttributeText; dy?: AttributeText;
  width?: AttributeText; height?: AttributeText; d?: AttributeText; points?: AttributeText; pathLength?: AttributeText;
  transform?: AttributeText; "transform-origin"?: AttributeText; href?: AttributeText; "xlink:href"?: AttributeText;
  fill?: AttributeText; "fill-opacity"?: AttributeText; "fill-rule"?: AttributeText; stroke?: AttributeText;
  "stroke-width"?: AttributeText; "stroke-linecap"?: AttributeText; "stroke-linejoin"?: AttributeText;
  "stroke-miterlimit"?: AttributeText; "stroke-dasharray"?: AttributeText; "stroke-dashoffset"?: AttributeText;
  "stroke-opacity"?: AttributeText; opacity?: AttributeText; color?: AttributeText; display?: AttributeText;
  visibility?: AttributeText; overflow?: AttributeText; cursor?: AttributeText; "pointer-events"?: AttributeText;
  "clip-path"?: AttributeText; "clip-rule"?: AttributeText; clipPathUnits?: AttributeText; mask?: AttributeText;
  maskUnits?: AttributeText; maskContentUnits?: AttributeText; filter?: AttributeText; "vector-effect"?: AttributeText;
  "paint-order"?: AttributeText; "shape-rendering"?: AttributeText; "marker-start"?: AttributeText;
  "marker-mid"?: AttributeText; "marker-end"?: AttributeText; markerWidth?: AttributeText; markerHeight?: AttributeText;
  markerUnits?: AttributeText; refX?: AttributeText; refY?: AttributeText; orient?: AttributeText;
  // Text
  "text-anchor"?: AttributeText; "dominant-baseline"?: AttributeText; "font-family"?: AttributeText;
  "font-size"?: AttributeText; "font-style"?: AttributeText; "font-weight"?: AttributeText;
  "letter-spacing"?: AttributeText; "text-decoration"?: AttributeText; "writing-mode"?: AttributeText;
  rotate?: AttributeText; textLength?: AttributeText; lengthAdjust?: AttributeText; startOffset?: AttributeText;
  // Gradients and patterns
  offset?: AttributeText; "stop-color"?: AttributeText; "stop-opacity"?: AttributeText; gradientUnits?: AttributeText;
  gradientTransform?: AttributeText; spreadMethod?: AttributeText; patternUnits?: AttributeText;
  patternContentUnits?: AttributeText; patternTransform?: AttributeText;
  // Filters
  filterUnits?: AttributeText; primitiveUnits?: AttributeText; in?: AttributeText; in2?: AttributeText;
  result?: AttributeText; stdDeviation?: AttributeText; mode?: AttributeText; operator?: AttributeText;
  type?: AttributeText; values?: AttributeText; "flood-color"?: AttributeText; "flood-opacity"?: AttributeText;
  "color-interpolation-filters"?: AttributeText;
  // Animation (their `to`, `from`, `by` and `values` are checked as URLs, url-attributes.ts)
  attributeName?: AttributeText; from?: AttributeText; to?: AttributeText; by?: AttributeText; dur?: AttributeText;
  begin?: AttributeText; end?: AttributeText; repeatCount?: AttributeText; calcMode?: AttributeText;
  keyTimes?: AttributeText; keySplines?: AttributeText; additive?: AttributeText; accumulate?: AttributeText;
  restart?: AttributeText; path?: AttributeText;
}

/** SVG elements (`title`, `a`, `script` and `style` are HTML's, with the same attributes that matter). */
type SvgTag =
  | "svg" | "g" | "defs" | "desc" | "symbol" | "use" | "image" | "switch" | "path" | "rect" | "circle" | "ellipse"
  | "line" | "polyline" | "polygon" | "text" | "tspan" | "textPath" | "marker" | "linearGradient"
  | "radialGradient" | "stop" | "pattern" | "clipPath" | "mask" | "filter" | "feBlend" | "feColorMatrix"
  | "feComposite" | "feDropShadow" | "feFlood" | "feGaussianBlur" | "feMerge" | "feMergeNode" | "feOffset"
  | "foreignObject" | "animate" | "animateMotion" | "animateTransform" | "set" | "mpath" | "view" | "metadata";

/** A custom element (a tag with a dash): any attribute, the known ones typed. */
export interface CustomElementAttributes extends HtmlAttributes {
  [name: string]: unknown;
}

/** Every element JSX knows, by tag (JSX.IntrinsicElements extends it). */
export interface TetherElements extends Record<PlainHtmlTag, HtmlAttributes>, Record<SvgTag, SvgAttributes> {
  a: AnchorAttributes; area: AreaAttributes; audio: AudioAttributes; base: BaseAttributes;
  blockquote: QuoteAttributes; button: ButtonAttributes; canvas: HtmlAttributes & Sized; col: ColAttributes;
  colgroup: ColAttributes; data: HtmlAttributes & Valued; del: EditAttributes; details: DetailsAttributes;
  dialog: DialogAttributes; embed: EmbedAttributes; fieldset: FieldsetAttributes; form: FormAttributes;
  iframe: IframeAttributes; img: ImgAttributes; input: InputAttributes; ins: EditAttributes; label: LabelAttributes;
  li: LiAttributes; link: LinkAttributes; map: HtmlAttributes & Named; meta: MetaAttributes; meter: MeterAttributes;
  object: ObjectAttributes; ol: OlAttributes; optgroup: OptgroupAttributes; option: OptionAttributes;
  output: OutputAttributes; progress: ProgressAttributes; q: QuoteAttributes; script: ScriptAttributes;
  select: SelectAttributes; slot: SlotAttributes; source: SourceAttributes; style: StyleAttributes;
  td: TableCellAttributes; template: TemplateAttributes; textarea: TextareaAttributes; th: TableCellAttributes;
  time: TimeAttributes; track: TrackAttributes; video: VideoAttributes;
  [custom: `${string}-${string}`]: CustomElementAttributes;
}
