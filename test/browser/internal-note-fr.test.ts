import { internalNoteSuite } from "./internal-note";

internalNoteSuite("fr");
