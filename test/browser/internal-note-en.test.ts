import { internalNoteSuite } from "./internal-note";

internalNoteSuite("en");
