#!/usr/bin/env node
// `npx waypoint …` from a checkout: runs the TypeScript CLI in cli/src through tsx (a dev
// dependency, so it is there after `npm install` / `npm ci`). No build step to forget.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../src/main.ts", import.meta.url);
await main(process.argv);
