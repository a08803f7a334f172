/**
 * `tether-live/components`: inputs and forms as server components, one file each.
 *
 * Every input is a function component with the same props (InputProps: name, label,
 * placeholder, help, required, disabled, readonly, value, error, …) and the accessible wiring
 * (`<label for>`, `aria-invalid`, `aria-describedby`), usable alone in any template, and an
 * Input that tells a Form how to read it. A Form owns its fields' values, validates them and
 * hands its handler typed values. The theme is `theme.css` beside this file
 * (`tether-live/components/theme.css`). components/README.md lists each with its props.
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
