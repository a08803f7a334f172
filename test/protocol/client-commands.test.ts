import { describe, expect, test } from "vitest";
import { Command, parseCommands } from "../../src/protocol/client-commands.js";

describe("parseCommands", () => {
  test("reads every command in its documented shape", () => {
    const text = JSON.stringify([
      ["show", "#a"], ["show", null, "flex"], ["hide", "#a"], ["toggle", "#a", "grid"],
      ["add_class", "#a", "x y"], ["remove_class", null, "x"], ["toggle_class", "#a", "z"],
      ["set_attr", "#a", "title", "t"], ["remove_attr", "#a", "title"], ["focus", "#a"],
      ["dispatch", "#a", "ev"], ["dispatch", "#a", "ev", { d: 1 }], ["transition", "#a", "fade", 200],
      ["push", null, "ev"], ["push", null, "ev", [1, 2]],
    ]);
    const commands = parseCommands(text);
    expect(commands).not.toBeInstanceOf(Error);
    expect((commands as unknown[]).length).toBe(15);
    expect((commands as unknown[][])[0][0]).toBe(Command.Show);
  });

  test.each([
    ["not JSON", "{", "must be a JSON array"],
    ["not an array", '{"a":1}', "must be a JSON array of commands"],
    ["a command that is not an array", '["show"]', "client command 0: not a [name, target, ...arguments] array"],
    ["an unknown command", '[["explode", null]]', 'unknown command "explode"'],
    ["a prototype key as a name", '[["constructor", null]]', 'unknown command "constructor"'],
    ["a target that is not a selector", '[["show", 1]]', "the target must be a CSS selector or null"],
    ["push with a target", '[["push", "#a", "ev"]]', "push: the target must be null"],
    ["too few arguments", '[["add_class", "#a"]]', "add_class: takes 1 argument(s), got 0"],
    ["too many arguments", '[["hide", "#a", "x"]]', "hide: takes 0 argument(s), got 1"],
    ["an argument of the wrong type", '[["transition", "#a", "fade", "200"]]', "transition: argument 2 must be a number"],
    ["a later bad command", '[["hide", null], ["set_attr", null, "title"]]', "client command 1: set_attr: takes 2 argument(s), got 1"],
  ])("refuses %s with a clear message", (_, text, message) => {
    const result = parseCommands(text);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toContain(message);
  });
});
