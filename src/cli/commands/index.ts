// The command table: adding a command is adding one module and one line here.
import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerDrill } from "./drill.js";
import { registerInit } from "./init.js";

export const commands: readonly ((program: Command) => void)[] = [registerCheck, registerDrill, registerInit];
