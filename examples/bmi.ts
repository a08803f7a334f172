import { html } from "tether-live";
import { NumberInput, RadioGroup, script, type ScriptUI } from "tether-live/components";

/** PyWebIO's BMI categories: the first whose top the BMI does not exceed. */
const CATEGORIES: ReadonlyArray<readonly [number, string]> = [
  [14.9, "Severely underweight"], [18.4, "Underweight"], [22.9, "Normal"],
  [27.5, "Overweight"], [40, "Moderately obese"], [Infinity, "Severely obese"],
];

/** The quiz's questions: the answer is the first choice listed. */
const QUIZ = [
  { q: "Which element does BMI not take into account?", choices: ["Muscle mass", "Height", "Weight"] },
  { q: "What is a BMI of 21 called?", choices: ["Normal", "Overweight", "Underweight"] },
  { q: "A BMI is a weight divided by…", choices: ["the height squared", "the height", "the age"] },
];

/**
 * PyWebIO's BMI calculator as a script: it asks for the height, then the weight, and shows
 * the BMI; then a small quiz whose score lives in a scope, with a toast per answer, a popup
 * at the end and the answers to download.
 */
export const Bmi = script(async (ui: ScriptUI) => {
  ui.putMarkdown("# BMI calculator\nA script: it asks, awaits your answers and puts what it finds, top to bottom.");
  const height = await ui.input("Your height (cm)", { type: NumberInput, name: "height", required: true, min: 50, max: 260, float: true, submitLabel: "Next" });
  const weight = await ui.input("Your weight (kg)", { type: NumberInput, name: "weight", required: true, min: 2, max: 400, float: true, submitLabel: "Compute" });
  const bmi = weight! / (height! / 100) ** 2;
  const category = CATEGORIES.find(([top]) => bmi <= top)![1];
  ui.put(html`<p class="bmi-result">Your BMI: <strong id="bmi">${bmi.toFixed(1)}</strong>, category: <span id="bmi-category">${category}</span>.</p>`);

  ui.putMarkdown("## A small quiz");
  ui.scope("score");
  ui.putText("Score: 0 / 0", { scope: "score" });
  ui.scope("answers");
  const lines = ["question,answer,right"];
  let right = 0;
  for (const [i, { q, choices }] of QUIZ.entries()) {
    // The choices in another order than listed, the same for everyone.
    const shown = [...choices.slice(i % choices.length), ...choices.slice(0, i % choices.length)];
    const answer = await ui.input(q, { type: RadioGroup, name: `quiz${i + 1}`, options: shown, required: true, submitLabel: "Answer" });
    const correct = answer === choices[0];
    if (correct) right++;
    lines.push(`"${q}","${answer}",${correct}`);
    ui.putText(`${i + 1}. ${answer}: ${correct ? "right" : `no, ${choices[0]}`}`, { scope: "answers" });
    ui.replace("score", html`<p class="tether-text">Score: <output id="score">${right} / ${i + 1}</output></p>`);
    ui.toast(correct ? `Question ${i + 1}: right!` : `Question ${i + 1}: not quite.`, { color: correct ? "success" : "warning", duration: 4000 });
  }
  ui.putDownload({ filename: "quiz.csv", content: lines.join("\n") + "\n", type: "text/csv", children: "Download your answers (CSV)" });
  ui.popup("Quiz done", html`<p>You got <strong id="final-score">${right} of ${QUIZ.length}</strong> right, with a BMI of ${bmi.toFixed(1)}.</p>
    <p><a href="/bmi">Start again</a></p>`);
});
