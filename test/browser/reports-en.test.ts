import { reportsSuite } from "./reports-kit";

reportsSuite("en");
