import { reportsSuite } from "./reports-kit";

reportsSuite("fr");
