/**
 * `tether-live/components`: inputs and forms as server components, one file each.
 *
 * Every input is a function component with the same props (InputProps: name, label,
 * placeholder, help, required, disabled, readonly, value, error, …) and the accessible wiring
 * (`<label for>`, `aria-invalid`, `aria-describedby`), usable alone in any template, and an
 * Input that tells a Form how to read it. A Form owns its fields' values, validates them and
 * hands its handler typed values. The theme is `theme.css` beside this file
 * (`tether-live/components/theme.css`). components/README.md lists each with its props.
 *
 * Outputs (text, Markdown, tables, tabs, dialogs, toasts, downloads, …) are function
 * components too, except Tabs (it keeps the chosen tab); `script()` runs a route as a script
 * that awaits the user's input and puts outputs into named scopes, built on both.
 */
export { defineInput, choiceOf, type Input, type InputProps, type InputBehaviour, type Shown, type Choice } from "./input.js";
export { Field, FieldSet, wireField, fieldClass, type FieldWiring } from "./field.js";
export { TextInput, type TextInputProps } from "./text-input.js";
export { PasswordInput } from "./password-input.js";
export { EmailInput } from "./email-input.js";
export { UrlInput } from "./url-input.js";
export { DateInput, TimeInput, DateTimeInput } from "./date-time-input.js";
export { NumberInput, type NumberInputProps } from "./number-input.js";
export { Slider, type SliderProps } from "./slider.js";
export { Textarea, type TextareaProps } from "./textarea.js";
export { Select, MultiSelect, type SelectProps, type MultiSelectProps } from "./select.js";
export { CheckboxGroup, type CheckboxGroupProps } from "./checkbox-group.js";
export { RadioGroup, type RadioGroupProps } from "./radio-group.js";
export { Switch, type SwitchProps } from "./switch.js";
export { ActionButtons, type ActionButton, type ActionButtonsProps } from "./action-buttons.js";
export { Form, type FormProps, type SubmitResult } from "./form.js";
export { field, checkField, type FormField, type FormValues, type Validator, type GroupValidator, type FieldErrors, type Message } from "./validation.js";
export { fromSchema, type StandardSchema, type StandardResult, type StandardIssue } from "./schema.js";
export { Text, type TextProps } from "./text.js";
export { Markdown, markdownToVNode, type MarkdownProps } from "./markdown.js";
export { CodeBlock, type CodeBlockProps } from "./code-block.js";
export { HtmlOutput, type HtmlOutputProps } from "./html-output.js";
export { Image, dataUrl, type ImageProps } from "./image.js";
export { Link, type LinkProps } from "./link.js";
export { Table, type TableProps, type TableColumn, type Cell, type SpanCell } from "./table.js";
export { Progress, type ProgressProps } from "./progress.js";
export { Spinner, type SpinnerProps } from "./spinner.js";
export { Tabs, type Tab, type TabsProps } from "./tabs.js";
export { Collapse, type CollapseProps } from "./collapse.js";
export { ScrollArea, type ScrollAreaProps } from "./scroll-area.js";
export { Row, Column, Grid, type LayoutProps } from "./layout.js";
export { Dialog, DialogHost, type DialogProps, type DialogHostProps } from "./dialog.js";
export { Toasts, ToastStack, type ToastOptions, type ToastColor, type ShownToast, type ToastStackProps } from "./toast.js";
export { Download, type DownloadProps } from "./download.js";
export { FileInput, DropZone, UploadPreview, UploadEntries, formatBytes, type FileInputProps, type DropZoneProps, type UploadPreviewProps, type UploadEntriesProps } from "./file-input.js";
export { setPageTitle } from "./page-settings.js";
export { OutputScopes, scopeId, ROOT, type PutOptions, type Position, type Output } from "./scopes.js";
export { Pins, type PinWatcher } from "./pins.js";
export { script, ScriptPage, type ScriptBody } from "./script.js";
export { ScriptUI, type ScriptInputOptions, type QuestionOptions, type Question, type Popup, type ScriptHost } from "./script-ui.js";
export { ScriptAbortedError, InputCanceledError } from "./script-errors.js";
