// The command table: adding a command is adding one module and one line here.
import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerCompletion } from "./completion.js";
import { registerDiff } from "./diff.js";
import { registerDrill } from "./drill.js";
import { registerGraph } from "./graph.js";
import { registerInit } from "./init.js";
import { registerRules } from "./rules.js";
import { registerServe } from "./serve.js";

export const commands: readonly ((program: Command) => void)[] = [
  registerCheck,
  registerDrill,
  registerGraph,
  registerDiff,
  registerServe,
  registerInit,
  registerRules,
  // Last: it lists the commands registered before it.
  registerCompletion,
];
