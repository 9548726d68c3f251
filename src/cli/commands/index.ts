// The command table: adding a command is adding one module and one line here.
import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerDiff } from "./diff.js";
import { registerDrill } from "./drill.js";
import { registerGraph } from "./graph.js";
import { registerInit } from "./init.js";
import { registerServe } from "./serve.js";

export const commands: readonly ((program: Command) => void)[] = [
  registerCheck,
  registerDrill,
  registerGraph,
  registerDiff,
  registerServe,
  registerInit,
];
