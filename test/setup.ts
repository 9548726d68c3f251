// Runs around every test file: temporary trees made by tempTree() are removed when the file is done.
import { afterAll } from "vitest";
import { removeTempTrees } from "./helpers/cli.js";

afterAll(() => removeTempTrees());
