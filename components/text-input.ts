import { textLike, type TextInputProps } from "./text-like.js";

export type { TextInputProps };

/** A one-line text field: `<${TextInput} name="title" label="Title" placeholder="What to do" />`. Its value is a string. */
export const TextInput = textLike("text", "text");
