import "reflect-metadata";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";

// Every mocha process gets its own data folder (SQLite file, uploads) under the temp dir,
// whatever DATA_DIR says: the suite drops every table of the database it uses.
process.env.NODE_ENV = "test";
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "niveau-test-"));
