import type { FieldErrors, GroupValidator } from "./validation.js";

/**
 * The part of the Standard Schema interface (standardschema.dev) a form needs: what zod (3.24
 * and later), valibot, arktype and others implement under the `~standard` key. Declared here
 * rather than imported, so that Tether depends on no schema library: any object of this shape works.
 */
export interface StandardSchema<Output = unknown> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    validate(value: unknown): StandardResult<Output> | Promise<StandardResult<Output>>;
  };
}

/** A Standard Schema's answer: the value, or the issues that refuse it. */
export type StandardResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<StandardIssue> };

/** One issue: its message, and where it is (the field's name first). */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * A schema you already have as a form's group validator: `validate=${fromSchema(signupSchema)}`.
 * Each issue fails the field its path starts with (the first issue of a field wins); an issue
 * about the whole object, with no path, is shown on `fallbackField` if given.
 *
 * Standard Schema rather than one library's API: the one interface zod, valibot and arktype all
 * implement, so no library is a dependency and none is favoured.
 */
export function fromSchema<A>(schema: StandardSchema, fallbackField?: string): GroupValidator<A> {
  return (values) => {
    const result = schema["~standard"].validate(values);
    return result instanceof Promise ? result.then(issuesByField) : issuesByField(result);
  };

  function issuesByField(result: StandardResult<unknown>): FieldErrors | undefined {
    if (result.issues === undefined) return undefined;
    const errors: FieldErrors = {};
    for (const issue of result.issues) {
      const first = issue.path?.[0];
      const key = typeof first === "object" && first !== null ? first.key : first;
      const name = key === undefined ? fallbackField : String(key);
      if (name !== undefined && !(name in errors)) errors[name] = issue.message;
    }
    return errors;
  }
}
