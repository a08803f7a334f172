/** Code blocks of the README, for the tests that check and run them. */
export interface CodeBlock {
  /** The README line of the block's first line of code. */
  line: number;
  lang: string;
  code: string;
}

/** The fenced blocks of a Markdown text whose language is one of `langs`. */
export function codeBlocks(markdown: string, langs: string[]): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block that is never closed`);
    if (langs.includes(open[1]!)) blocks.push({ line: i + 2, lang: open[1]!, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}
